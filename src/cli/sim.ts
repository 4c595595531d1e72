/**
 * Headless runner: `npm run sim -- <preset | config.json> [--out FILE] [--backend NAME] [--set k=v ...]`.
 * Exit codes: 0 done, 1 runtime failure, 2 bad input (config or usage).
 */
import { existsSync, readFileSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../engine/config/parse';
import type { ExperimentConfig } from '../engine/config/schema';
import type { FineTunePoint } from '../engine/defense/phase';
import { attackPhase } from '../engine/config/schedule';
import { createLocalClients } from '../engine/experiment/clients';
import { decodeCheckpoint, encodeCheckpoint } from '../engine/model/checkpoint';
import { setupExperiment } from '../engine/experiment/experiment';
import type { MetricPoint } from '../engine/experiment/run';
import { runExperiment } from '../engine/experiment/runExperiment';
import { learnerFor } from '../engine/learners/registry';
import { initNodeBackend } from '../node/backend';
import { loadDatasetForConfig } from '../node/datasets';
import { inputError, parseArgs, resolveConfig } from './args';
import { formatDuration, helpText } from './format';
import { runMany } from './runMany';

async function main(argv: string[]): Promise<number> {
  let args;
  let config: ExperimentConfig;
  try {
    args = parseArgs(argv);
    if (args.help) {
      console.log(helpText());
      return 0;
    }
    config = resolveConfig(args, (p) => JSON.parse(readFileSync(p, 'utf8')));
  } catch (e) {
    const message = inputError(e); // bad input: exit 2 with the field named
    if (message === undefined) throw e;
    console.error(message);
    return 2;
  }

  const log = (s: string) => { if (!args.quiet) process.stderr.write(`${s}\n`); };
  const pct = (v: number | null | undefined) => (v == null ? '–' : `${(100 * v).toFixed(1)}%`);
  const backend = await initNodeBackend(args.backend);
  log(`backend: ${backend.name} (${backend.reason})`);
  const ds = await loadDatasetForConfig(config);
  const init = config.init.kind === 'checkpoint' ? decodeCheckpoint(readFileSync(config.init.source)) : undefined;
  let setup;
  try {
    setup = setupExperiment(config, ds, init);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`error: invalid config\n  ${e.message.split('\n').join('\n  ')}`);
      return 2;
    }
    throw e;
  }

  if (args.seeds > 1 || args.paired) {
    if (args.paired && config.attack.kind === 'none') {
      console.error('error: --paired needs a config with an attack (attack.kind): without one the run is its own baseline');
      return 2;
    }
    if (args.out) writeFileSync(args.out, '');
    const line = (l: Record<string, unknown>) => (args.out ? appendFileSync(args.out, JSON.stringify(l) + '\n') : process.stdout.write(JSON.stringify(l) + '\n'));
    await runMany({ config, seeds: args.seeds, paired: args.paired, backend: args.backend, write: line, log });
    return 0;
  }

  let initial = setup.initial;
  let fromRound = 1;
  if (args.resume && args.checkpoint && existsSync(args.checkpoint)) {
    const ck = decodeCheckpoint(readFileSync(args.checkpoint));
    if (JSON.stringify(ck.header.meta.config) !== JSON.stringify(config)) {
      console.error('error: --resume: the checkpoint was written by a different config');
      return 2;
    }
    initial = ck.weights;
    fromRound = Number(ck.header.meta.round) + 1;
    log(`resuming after round ${fromRound - 1}`);
  }

  // Only now, with a valid config, touch --out (fresh file unless resuming).
  const write = (p: MetricPoint | FineTunePoint) => {
    const line = JSON.stringify(p) + '\n';
    if (args.out) appendFileSync(args.out, line);
    else process.stdout.write(line);
  };
  if (args.out && !(args.resume && fromRound > 1)) writeFileSync(args.out, '');

  log(`${ds.name}: ${ds.classes.length} classes; ${config.federation.users} users, ${config.rounds} rounds, ${config.model.kind === 'conv4' ? `Conv4 with ${config.model.filters} filters` : config.model.kind}`);
  const clients = createLocalClients(setup, config, ds);
  const started = Date.now();
  const learner = learnerFor(config);
  let roundsDone = 0;
  // The latest evaluation point, written into checkpoints' headers (with the round it measured).
  let evaluated: Record<string, unknown> | null = null;
  let lastGlobal: Float32Array | null = initial, lastRound = fromRound - 1;
  const saveCheckpoint = (global: Float32Array, round: number) => {
    const tmp = `${args.checkpoint}.tmp`;
    writeFileSync(tmp, encodeCheckpoint(setup.model, setup.spec, global, {
      config, round, ...(evaluated ? { evaluation: evaluated } : {}),
      // Provenance: the header of the checkpoint this run started from.
      ...(init ? { from: init.header.meta } : {}),
    }));
    renameSync(tmp, args.checkpoint!);
  };
  let announced = false;
  const { nextRound } = await runExperiment({ ds, setup, clients, config, global: initial, fromRound }, (e) => {
    if (e.type === 'point') {
      const p = e.point;
      write(p);
      evaluated = { round: p.round, ...Object.fromEntries(learner.metrics.flatMap((m) => [[m.key, p[m.key]], [m.count, p[m.count]]])) };
      // The checkpoint of this round carries the evaluation just made (its accuracy in its header).
      if (args.checkpoint && lastGlobal && p.round === lastRound) saveCheckpoint(lastGlobal, p.round);
      const metrics = learner.metrics.filter((m) => p[m.key] != null).map((m) => `${m.title.toLowerCase()} ${pct(p[m.key])}`).join(', ');
      const count = learner.metrics[0];
      log(`round ${p.round}: ${metrics}` +
        (p.attackTrainSuccess == null ? '' : `, attack ${pct(p.attackTrainSuccess)} / ${pct(p.attackValSuccess)} (train / val)`) +
        ` (${p[count.count]} ${count.unit})`);
    } else if (e.type === 'round') {
      const r = e.report;
      roundsDone++;
      const per = (Date.now() - started) / roundsDone;
      const flagged = [...new Set(r.detections.flatMap((d) => d.verdicts.filter((v) => v.flagged).map((v) => v.clientId)))];
      const defense = (flagged.length ? ` · flagged ${flagged.join(',')}` : '') + (r.rejected.length ? ` · rejected ${r.rejected.join(',')}` : '');
      const phase = attackPhase(config, r.round) ?? 'meta-train';
      const attackers = r.attackers.length ? ` · attacker ${r.attackers.join(',')}` : '';
      log(`round ${r.round}/${config.rounds} · ${phase} · users ${r.applied.join(',')}${attackers}${defense} · ${formatDuration(Date.now() - started)} elapsed · ETA ${formatDuration(per * (config.rounds - r.round))}`);
      lastGlobal = e.global;
      lastRound = r.round;
      if (args.checkpoint) saveCheckpoint(e.global, r.round);
    } else if (e.type === 'fine-tune') {
      const p = e.point;
      const ft = config.defense.fineTune;
      if (!announced && ft.kind !== 'none') {
        // Chen et al. sections 4–5: each benign user fine-tunes the final θ_G; one line per user and checkpoint.
        log(`fine-tuning (${ft.kind}, δ = ${ft.delta}, η = ${ft.lr}): ${ft.episodes} episodes × ${ft.iterations} iterations per benign user`);
        announced = true;
      }
      write(p);
      log(`fine-tune user ${p.user} iteration ${p.iteration}: main task ${pct(p.mainTaskAccuracy)}, meta-test ${pct(p.metaTestAccuracy)}` +
        (p.attackTrainSuccess === undefined ? '' : `, attack ${pct(p.attackTrainSuccess)} / ${pct(p.attackValSuccess)} (train / val)`));
    }
  });
  clients.forEach((c) => c.dispose());
  log(`done: ${nextRound - 1} rounds in ${formatDuration(Date.now() - started)}; tensors alive ${tf.memory().numTensors}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  },
);
