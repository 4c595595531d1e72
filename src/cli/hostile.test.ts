import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCheckpoint } from '../engine/model/checkpoint';

/**
 * Hostile input to the real `npm run sim` process: named errors, the right exit code, and no
 * --out file. (args.fuzz.test.ts covers the same functions with thousands of inputs.)
 */
const sim = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run sim with hostile input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-hostile-'));

  it('--set __proto__.polluted=1 names the field, exits 2 and writes nothing', () => {
    const out = join(dir, 'proto.jsonl');
    const r = sim('synthetic-tiny', '--out', out, '--set', '__proto__.polluted=1');
    expect(r.stderr).toMatch(/__proto__\.polluted: "__proto__" is a reserved name/);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a config file with a "__proto__" key names it, exits 2 and writes nothing', () => {
    const cfg = join(dir, 'proto.json');
    writeFileSync(cfg, '{"rounds": 1, "reptile": {"__proto__": {"innerLr": 5}}}');
    const out = join(dir, 'file.jsonl');
    const r = sim(cfg, '--out', out);
    expect(r.stderr).toContain('reptile.__proto__');
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a random-bytes or truncated --init checkpoint is refused with a message and writes nothing', () => {
    const whole = encodeCheckpoint({ filters: 8, imageSize: 28, channels: 1, ways: 5 }, [{ name: 'w', shape: [4] }], new Float32Array(4));
    const cases: [Uint8Array, RegExp][] = [
      [Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 255), /not a Backdoor Lab checkpoint/],
      [whole.subarray(0, whole.length - 3), /checkpoint is truncated/],
    ];
    cases.forEach(([bytes, message], i) => {
      const ckpt = join(dir, `bad${i}.ckpt`);
      writeFileSync(ckpt, bytes);
      const out = join(dir, `ckpt${i}.jsonl`);
      const r = sim('synthetic-tiny', '--init', ckpt, '--set', 'rounds=0', '--out', out);
      expect(r.stderr).toMatch(message);
      expect(r.status).not.toBe(0);
      expect(existsSync(out)).toBe(false);
    });
  });
});
