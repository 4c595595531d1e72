import v8 from 'node:v8';
import { expect, it } from 'vitest';
import { hasRelaxedSimd } from './simd';

// The same comparisons on the relaxed-SIMD (FMA) build of our kernels, which this Node (20)
// keeps behind a flag; it has to be set before the kernels compile.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
await import('./kernels.test.ts');
await import('./batchNormTrain.test.ts');
await import('./adamUpdate.test.ts');

it('runs the relaxed-SIMD build', () => {
  expect(hasRelaxedSimd()).toBe(true);
});
