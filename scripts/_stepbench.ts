import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm'; import './_wasmreg.ts';
const backend = process.argv[2] ?? 'cpu';
await tf.setBackend(backend); await tf.ready();
const F = Number(process.argv[3] ?? 64);
const m = tf.sequential();
for (let i = 0; i < 4; i++) {
  m.add(tf.layers.conv2d({ inputShape: i === 0 ? [28, 28, 1] : undefined, filters: F, kernelSize: 3, padding: 'same' }));
  m.add(tf.layers.batchNormalization()); m.add(tf.layers.reLU()); m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
}
m.add(tf.layers.flatten()); m.add(tf.layers.dense({ units: 5 }));
const opt = tf.train.adam(0.001, 0, 0.999);
const x = tf.randomNormal([10, 28, 28, 1]); const y = tf.oneHot(tf.tensor1d([0,1,2,3,4,0,1,2,3,4],'int32'), 5);
const step = () => opt.minimize(() => tf.losses.softmaxCrossEntropy(y, m.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
try { for (let i = 0; i < 3; i++) step(); } catch (e) { console.log(backend, 'fail', (e as Error).message); process.exit(0); }
const t = performance.now(); const n = 5; for (let i = 0; i < n; i++) step();
console.log(backend, F, ((performance.now() - t) / n).toFixed(1), 'ms/step');
