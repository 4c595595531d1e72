import type { ExperimentConfig } from '../config/schema';
import { deriveSeed } from '../rng';
import { syntheticGlyphs } from './synthetic';
import { syntheticRgbGlyphs } from './syntheticRgb';
import type { ImageDataset } from './types';

/**
 * The dataset a config asks for: synthetic glyphs (grey or coloured) are generated from the root seed; named
 * datasets come from `load` (files in Node, fetch in the browser).
 */
export async function datasetForConfig(c: ExperimentConfig, load: (name: string) => Promise<ImageDataset> | ImageDataset): Promise<ImageDataset> {
  const synthetic = { seed: deriveSeed(c.seed, 'synthetic-dataset'), classes: c.dataset.syntheticClasses, perClass: c.dataset.syntheticPerClass, size: c.model.imageSize };
  if (c.dataset.name === 'synthetic') return syntheticGlyphs(synthetic);
  if (c.dataset.name === 'synthetic-rgb') return syntheticRgbGlyphs(synthetic);
  return load(c.dataset.name);
}
