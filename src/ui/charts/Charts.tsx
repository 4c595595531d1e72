import type { LabState } from '../store/labStore';
import { useLab } from '../store/labStore';
import { MetricChart, type Row, type Series } from './MetricChart';

type Extra = { attackTrainSuccess?: number | null; attackValSuccess?: number | null };
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const metaTestRows = (s: Pick<LabState, 'points'>): Row[] => s.points.map((p) => ({ round: p.round, metaTest: p.metaTestAccuracy }));
const mainTaskRows = (s: Pick<LabState, 'points'>): Row[] => s.points.map((p) => ({ round: p.round, mainTask: p.mainTaskAccuracy }));
const attackRows = (s: Pick<LabState, 'points'>): Row[] =>
  s.points.map((p) => ({ round: p.round, attackTrain: num((p as Extra).attackTrainSuccess), attackVal: num((p as Extra).attackValSuccess) }));
const normRows = (s: Pick<LabState, 'reports'>): Row[] =>
  [...s.reports].sort((a, b) => a.round - b.round).map((r) => ({
    round: r.round,
    step: r.stepNorm,
    largest: r.updateNorms.length ? Math.max(...r.updateNorms.map((u) => u.norm)) : null,
  }));

const META: Series[] = [{ key: 'metaTest', label: 'meta-testing', color: '#2a6fdb' }];
const MAIN: Series[] = [{ key: 'mainTask', label: 'main task', color: '#16a085' }];
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
  const attackHint = attack !== 'none'
    ? 'Attack success appears with each evaluation once the run starts (measured on episodes that include the target class).'
    : 'No attacker in this run. Turn one on (Attack → “Use chen-backdoor”) to see the backdoor take hold here.';
  return (
    <section className="charts">
      <MetricChart id="meta-test" title="Meta-testing accuracy" subtitle="θ_G fine-tuned on new classes (never seen in training)" series={META} rows={metaTestRows} source="points" percent />
      <MetricChart id="main-task" title="Main-task accuracy" subtitle="Meta-training classes, held-out examples" series={MAIN} rows={mainTaskRows} source="points" percent emptyHint="Press Start: main-task accuracy appears with each evaluation (eval.mainTask)." />
      <MetricChart id="attack" title="Attack success" subtitle="Poisoned examples classified as the target class" series={ATTACK} rows={attackRows} source="points" percent emptyHint={attackHint} />
      <MetricChart id="norms" title="Update size" subtitle="How far θ_G moves each round, and the largest update" series={NORMS} rows={normRows} source="reports" />
    </section>
  );
}
