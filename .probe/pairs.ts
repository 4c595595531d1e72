import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { parseConfig } from '../src/engine/config/parse';
import { presets } from '../src/engine/config/presets';
import { setupExperiment } from '../src/engine/experiment/experiment';
import { decodeCheckpoint } from '../src/engine/model/checkpoint';
import { unpackParams } from '../src/engine/model/params';
import { initNodeBackend } from '../src/node/backend';
import { loadDatasetForConfig } from '../src/node/datasets';
import { metaBackdoorSplit } from '../src/engine/learners/reptile/split';
import { backdoorSuccess } from '../src/engine/learners/reptile/backdoorSuccess';
import { createRng } from '../src/engine/rng';

const pairs = Number(process.argv[2] ?? 12);
const mode = process.argv[3] ?? 'metatest'; // where target/backdoor come from
async function main() {
  await initNodeBackend('auto');
  const c = parseConfig(presets['chen-exp1a'].config);
  const ds = await loadDatasetForConfig(c);
  const setup = setupExperiment(c, ds, decodeCheckpoint(readFileSync(c.init.source)));
  const theta = unpackParams(setup.spec, setup.initial).map((p) => p.tensor);
  const rng = createRng(99);
  const res: number[] = [];
  const base = await backdoorSuccess(theta, ds, c, c.attack as never, setup.split, setup.backdoor!, { episodes: 40, steps: 20, seed: 5 });
  console.log('reserved pair', (100*base.train).toFixed(1), (100*base.val).toFixed(1));
  for (let p = 0; p < pairs; p++) {
    const pool = mode === 'metatest' ? setup.split.metaTest : setup.split.users.flat().filter(r => r.rotation === 0);
    const pick = rng.sample(pool.length, 5).map((i) => pool[i]);
    const split = { ...setup.split, reserved: { target: [pick[0]], backdoor: pick.slice(1) } };
    const bd = metaBackdoorSplit(c, c.attack as never, split);
    const s = await backdoorSuccess(theta, ds, c, c.attack as never, split, bd, { episodes: 40, steps: 20, seed: 5 + p });
    res.push(s.train, s.val);
    console.log(p, (100*s.train).toFixed(1), (100*s.val).toFixed(1));
  }
  const m = res.reduce((a, b) => a + b, 0) / res.length;
  console.log('mean', (100*m).toFixed(1));
  tf.dispose(theta);
}
main();
