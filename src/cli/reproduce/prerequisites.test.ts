import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeConfig, parseConfig } from '../../engine/config/parse';
import { presets } from '../../engine/config/presets';
import type { ConfigInput } from '../../engine/config/schema';
import { decodeCheckpoint } from '../../engine/model/checkpoint';
import { runJob } from '../runJob';
import { BHAGOJI_PRETRAINED, bhagojiCheckpoints, bhagojiScales, bhagojiStudies } from './bhagojiFmnist';
import { makeMissingCheckpoints } from './prerequisites';

// bhagoji-fmnist-pretrain on synthetic glyphs with LeNet-5 (seconds): the same benign run, shrunk.
const tinyPretrain = () => parseConfig(mergeConfig(structuredClone(presets['bhagoji-fmnist-pretrain'].config) as ConfigInput, {
  rounds: 2, dataset: { name: 'synthetic', syntheticClasses: 10, syntheticPerClass: 30 }, model: { kind: 'lenet5', imageSize: 16 },
  supervised: { userExamples: 40, testExamples: 40 },
}));

describe('makeMissingCheckpoints', () => {
  const root = mkdtempSync(join(tmpdir(), 'prereq-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the last round\'s global model with its config and evaluation, and leaves an existing file alone', async () => {
    const path = join(root, 'sub', 'pre.ckpt');
    const config = tinyPretrain();
    const logs: string[] = [];
    expect(await makeMissingCheckpoints([{ path, command: 'test', config }], 'wasm', (s) => logs.push(s))).toBe(1);
    const ck = decodeCheckpoint(readFileSync(path));
    expect(ck.header.meta.round).toBe(2);
    expect(ck.header.meta.config).toEqual(config);
    expect(ck.header.meta.evaluation).toMatchObject({ round: 2 });
    // The same run again (deterministic): its last global is what the file holds.
    let last: Float32Array | null = null;
    await runJob(config, 'wasm', (e) => { if (e.type === 'round') last = e.global; });
    expect(Array.from(ck.weights)).toEqual(Array.from(last!));
    const mtime = statSync(path).mtimeMs;
    expect(await makeMissingCheckpoints([{ path, command: 'test', config }], 'wasm', () => {})).toBe(0);
    expect(statSync(path).mtimeMs).toBe(mtime);
  }, 60_000);
});

describe('bhagoji-fmnist --quick', () => {
  it('starts every run from the benign pre-training it makes, and the other scales from Glorot', () => {
    const quick = bhagojiScales.quick;
    const [pre] = bhagojiCheckpoints(quick);
    expect(pre.path).toBe(BHAGOJI_PRETRAINED);
    expect(pre.config.attack.kind).toBe('none');
    expect(pre.config.model).toEqual(bhagojiStudies(quick)[0].config.model);
    for (const s of bhagojiStudies(quick)) expect(s.config.init).toEqual({ kind: 'checkpoint', source: BHAGOJI_PRETRAINED });
    for (const name of ['full', 'tiny'] as const) {
      expect(bhagojiCheckpoints(bhagojiScales[name])).toEqual([]);
      for (const s of bhagojiStudies(bhagojiScales[name])) expect(s.config.init.kind).not.toBe('checkpoint');
    }
  });
});
