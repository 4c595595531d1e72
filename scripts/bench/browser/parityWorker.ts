import * as tf from '@tensorflow/tfjs';
import type { BackendPreference } from '../../../src/engine/backend/initBackend';
import { parseConfig } from '../../../src/engine/config/parse';
import type { ConfigInput } from '../../../src/engine/config/schema';
import { datasetForConfig } from '../../../src/engine/data/forConfig';
import { createLocalClients } from '../../../src/engine/experiment/clients';
import { setupExperiment } from '../../../src/engine/experiment/experiment';
import { runExperiment } from '../../../src/engine/experiment/runExperiment';
import type { MetricPoint } from '../../../src/engine/experiment/run';
import { startWorkerBackend } from '../../../src/workers/backend';
import { deviceLost, watchSyncReads } from './gpuProbe';

/**
 * One round of a small federation (2 users, 8-filter Conv4 on 16×16 synthetic glyphs, 2 episodes
 * of 3 inner steps each), evaluated at rounds 0 and 1: the same engine code the app runs, on the
 * backend asked for. Kept this small because WebGPU on SwiftShader takes seconds per Adam step
 * here. 16×16 still runs both of the wasm convolution paths (Winograd on 16 to 4 pixels, the
 * direct kernel on 2×2). Initial weights come from the seed in plain JavaScript, so every
 * backend starts from the same bits.
 */
const parityConfig = (seed: number): ConfigInput => ({
  seed,
  rounds: 1,
  dataset: { name: 'synthetic', syntheticClasses: 45, syntheticPerClass: 10, metaTrainClasses: 25, metaTestClasses: 15, rotations: 1, validationPerClass: 2 },
  model: { filters: 8, imageSize: 16 },
  task: { ways: 5, trainShots: 5, testShots: 5 },
  reptile: { episodesPerRound: 2, metaBatch: 2, innerSteps: 3, innerLr: 0.003, outerLr: 0.5 },
  eval: { episodes: 2, steps: 3 },
  federation: { users: 2, perRound: 2, minUpdates: 2 },
});

/** Stacks of synchronous GPU reads (webgpu only), reported with the result or the failure. */
let syncReads: string[] = [];

async function round(backend: BackendPreference, seed: number) {
  const choice = await startWorkerBackend(backend, 'parity');
  syncReads = watchSyncReads();
  const run = async () => {
    const config = parseConfig(parityConfig(seed));
    const ds = await datasetForConfig(config, () => { throw new Error('synthetic only'); });
    const setup = await setupExperiment(config, ds);
    const clients = createLocalClients(setup, config, ds);
    const points: MetricPoint[] = [];
    const out = await runExperiment({ ds, setup, clients, config }, (e) => { if (e.type === 'point') points.push(e.point); });
    await Promise.all(clients.map((c) => c.dispose()));
    return {
      backend: tf.getBackend(), reason: choice.reason, syncReads,
      spec: setup.spec.map((p) => ({ name: p.name, size: p.shape.reduce((a, b) => a * b, 1) })),
      initial: Array.from(setup.initial), global: Array.from(out.global),
      points: points.map((p) => ({ round: p.round, metaTestAccuracy: p.metaTestAccuracy, mainTaskAccuracy: p.mainTaskAccuracy, episodes: p.metaTestEpisodes, stepNorm: p.stepNorm })),
    };
  };
  // A lost device can leave the round waiting forever: answer with what was seen instead.
  const lost = backend === 'webgpu' ? deviceLost().then((why) => ({ error: `GPU device lost (${why})`, syncReads })) : new Promise<never>(() => {});
  return Promise.race([run(), lost]);
}

self.onmessage = async (e: MessageEvent<{ backend: BackendPreference; seed: number }>) => {
  try {
    self.postMessage(await round(e.data.backend, e.data.seed));
  } catch (err) {
    self.postMessage({ error: String((err as Error).stack ?? err), syncReads });
  }
};
