/**
 * `npx tsx scripts/bench-defenses.ts`: times every aggregation rule and the distance detector on
 * updates the size of the paper's Omniglot Conv4 (64 filters, 112 261 parameters), for the
 * paper's 3 updates per round and for 10. Plain Float32Array maths, no tfjs.
 */
import { parseConfig } from '../src/engine/config/parse';
import { aggregatorSchema, type AggregatorConfig } from '../src/engine/config/schema';
import { aggregators, createAggregator } from '../src/engine/fed/aggregators/registry';
import type { ClientUpdate } from '../src/engine/fed/client';
import { detectors } from '../src/engine/fed/detectors/registry';
import { conv4Spec } from '../src/engine/model/conv4';
import { sizeOf } from '../src/engine/model/params';
import { createRng } from '../src/engine/rng';

const dim = sizeOf(conv4Spec({ filters: 64, imageSize: 28, channels: 1, ways: 5 }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const time = (f: () => unknown, reps = 7) => median(Array.from({ length: reps }, () => { const t = performance.now(); f(); return performance.now() - t; }));

console.log(`updates of ${dim} parameters; median of 7 runs, ms`);
console.log(['rule', 'n = 3', 'n = 10'].map((s) => s.padEnd(16)).join(''));
const updatesOf = (n: number): ClientUpdate[] => {
  const rng = createRng(n);
  return Array.from({ length: n }, (_, i) => ({ clientId: i, numExamples: 100, delta: Float32Array.from({ length: dim }, () => 0.01 * rng.normal()) }));
};
const sets = [updatesOf(3), updatesOf(10)];
const global = new Float32Array(dim);
for (const kind of Object.keys(aggregators) as AggregatorConfig['kind'][]) {
  const agg = createAggregator(aggregatorSchema.parse({ kind }));
  console.log([kind, ...sets.map((updates) => time(() => agg.aggregate({ global, updates })).toFixed(1))].map((s) => s.padEnd(16)).join(''));
}
const distance = detectors.distance(parseConfig({ defense: { detectors: { distance: { mode: 'report' } } } }).defense.detectors.distance);
const times: number[] = [];
for (const updates of sets) {
  const t = performance.now();
  await distance.detect({ round: 1, global, updates });
  times.push(performance.now() - t);
}
console.log(['distance', ...times.map((t) => t.toFixed(1))].map((s) => s.padEnd(16)).join(''));
