import type { LabState } from '../store/labStore';
import { useLab } from '../store/labStore';
import { modeMetrics, type AccuracyMetric, type MetricInfo } from '../../engine/learners/metrics';
import { MetricChart, type Row, type Series } from './MetricChart';

type Extra = { attackTrainSuccess?: number | null; attackValSuccess?: number | null };
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const accuracyRows = (key: AccuracyMetric) => (s: Pick<LabState, 'points'>): Row[] => s.points.map((p) => ({ round: p.round, [key]: num(p[key]) }));
const attackRows = (s: Pick<LabState, 'points'>): Row[] =>
  s.points.map((p) => ({ round: p.round, attackTrain: num((p as Extra).attackTrainSuccess), attackVal: num((p as Extra).attackValSuccess) }));
const normRows = (s: Pick<LabState, 'reports'>): Row[] =>
  [...s.reports].sort((a, b) => a.round - b.round).map((r) => ({
    round: r.round,
    step: r.stepNorm,
    largest: r.updateNorms.length ? Math.max(...r.updateNorms.map((u) => u.norm)) : null,
  }));

/** One chart per accuracy the mode reports (learners/metrics.ts), under the mode's names. */
const ACCURACY: Record<AccuracyMetric, { id: string; label: string; color: string; emptyHint?: string }> = {
  metaTestAccuracy: { id: 'meta-test', label: 'meta-testing', color: '#2a6fdb' },
  mainTaskAccuracy: { id: 'main-task', label: 'main task', color: '#16a085', emptyHint: 'Press Start: main-task accuracy appears with each evaluation (eval.mainTask).' },
  testAccuracy: { id: 'test', label: 'test set', color: '#2a6fdb' },
};
const ROWS = Object.fromEntries((Object.keys(ACCURACY) as AccuracyMetric[]).map((k) => [k, accuracyRows(k)])) as Record<AccuracyMetric, ReturnType<typeof accuracyRows>>;
const accuracyChart = (m: MetricInfo) => {
  const a = ACCURACY[m.key];
  return <MetricChart key={m.key} id={a.id} title={m.title} subtitle={m.subtitle} series={[{ key: m.key, label: a.label, color: a.color }]} rows={ROWS[m.key]} source="points" percent emptyHint={a.emptyHint} />;
};
const ATTACK: Series[] = [
  { key: 'attackTrain', label: "attacker's training examples", color: '#d1495b' },
  { key: 'attackVal', label: 'held-out backdoor examples', color: '#f4a259' },
];
const NORMS: Series[] = [
  { key: 'step', label: '‖Δθ_G‖ (aggregated step)', color: '#6c5ce7' },
  { key: 'largest', label: 'largest client ‖δ_i‖', color: '#a0a7b4' },
];

/** The four live charts; each subscribes to its own slice of the store. */
export function Charts() {
  const attack = useLab((s) => s.config.attack.kind);
  const mode = useLab((s) => s.config.mode);
  const attackHint = attack !== 'none'
    ? 'Attack success appears with each evaluation once the run starts (measured on episodes that include the target class).'
    : 'No attacker in this run. Turn one on (Attack → “Use chen-backdoor”) to see the backdoor take hold here.';
  return (
    <section className="charts">
      {modeMetrics[mode].map(accuracyChart)}
      <MetricChart id="attack" title="Attack success" subtitle="Poisoned examples classified as the target class" series={ATTACK} rows={attackRows} source="points" percent emptyHint={attackHint} />
      <MetricChart id="norms" title="Update size" subtitle="How far θ_G moves each round, and the largest update" series={NORMS} rows={normRows} source="reports" />
    </section>
  );
}
