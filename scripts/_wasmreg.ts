import * as tf from '@tensorflow/tfjs'; import '@tensorflow/tfjs-backend-wasm';
const conv = tf.getKernel('Conv2D', 'wasm')!.kernelFunc as any;
const transpose = tf.getKernel('Transpose', 'wasm')!.kernelFunc as any;
const padK = tf.getKernel('PadV2', 'wasm')!.kernelFunc as any;
tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: ({ inputs, backend, attrs }: any) => {
  const { x, dy } = inputs; const { filterShape } = attrs;
  const [fh, fw] = filterShape;
  const ph = (fh - 1) / 2, pw = (fw - 1) / 2;
  const xp = padK({ inputs: { x }, backend, attrs: { paddings: [[0, 0], [ph, ph], [pw, pw], [0, 0]], constantValue: 0 } });
  const xt = transpose({ inputs: { x: xp }, backend, attrs: { perm: [3, 1, 2, 0] } });
  const dyt = transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } });
  const r = conv({ inputs: { x: xt, filter: dyt }, backend, attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined } });
  const out = transpose({ inputs: { x: r }, backend, attrs: { perm: [1, 2, 0, 3] } });
  for (const t of [xp, xt, dyt, r]) backend.disposeData(t.dataId);
  return out;
} });
