import type { ExperimentConfig } from '../config/schema';

export type Mode = ExperimentConfig['mode'];

/**
 * What θ_G is scored on, under each mode's own names (plain data, so the UI can read it without
 * loading a learner). Meta-learning reports few-shot accuracies with the episodes they average;
 * supervised FedAvg reports plain test accuracy with the examples it counts.
 */
export interface ModelMetrics {
  metaTestAccuracy?: number;
  metaTestEpisodes?: number;
  mainTaskAccuracy?: number | null;
  mainTaskEpisodes?: number;
  testAccuracy?: number;
  testExamples?: number;
}

export type AccuracyMetric = 'metaTestAccuracy' | 'mainTaskAccuracy' | 'testAccuracy';

export interface MetricInfo {
  key: AccuracyMetric;
  /** Chart title and log label. */
  title: string;
  /** Chart subtitle: what is measured. */
  subtitle: string;
  /** The key holding how many episodes or examples it averages. */
  count: keyof ModelMetrics;
  unit: 'episodes' | 'examples';
}

export const modeMetrics: Record<Mode, readonly MetricInfo[]> = {
  meta: [
    { key: 'metaTestAccuracy', title: 'Meta-testing accuracy', subtitle: 'θ_G fine-tuned on new classes (never seen in training)', count: 'metaTestEpisodes', unit: 'episodes' },
    { key: 'mainTaskAccuracy', title: 'Main-task accuracy', subtitle: 'Meta-training classes, held-out examples', count: 'mainTaskEpisodes', unit: 'episodes' },
  ],
  supervised: [
    { key: 'testAccuracy', title: 'Test accuracy', subtitle: 'θ_G on the held-out test examples (no fine-tuning)', count: 'testExamples', unit: 'examples' },
  ],
};

/** The mode's headline accuracy (the first chart, checkpoints' provenance). */
export const headlineMetric = (mode: Mode): AccuracyMetric => modeMetrics[mode][0].key;
