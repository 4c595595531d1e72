import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chenMiniClaims } from './chenMiniReport';
import { Results } from './results';
import { chenMiniScales, chenMiniStudies, missingForScale } from './chenMiniImagenet';
import { parseReproduceArgs } from './reproduce';

describe('npm run reproduce -- chen-mini-imagenet', () => {
  it('is a known reproduction', () => {
    expect(parseReproduceArgs(['chen-mini-imagenet', '--tiny']).paper).toBe('chen-mini-imagenet');
  });

  it('refuses the full and quick scales without the dataset, saying how to build it; --tiny needs nothing', () => {
    const missing = missingForScale(chenMiniScales.quick, () => false);
    expect(missing[0]).toContain('`npm run datasets -- --mini-imagenet PATH`');
    expect(missingForScale(chenMiniScales.full, () => false)[0]).toBe(missing[0]);
    expect(missingForScale(chenMiniScales.tiny, () => false)).toEqual([]);
  });

  it('runs the Omniglot studies with mini-ImageNet\'s attacker: 1 inner epoch, X_B : X_T = 1 : 2, a 12-pixel key, 20 benign examples per reserved class (≥ K = 15)', () => {
    const studies = chenMiniStudies(chenMiniScales.full);
    expect(studies.map((s) => s.id)).toContain('exp1-a');
    for (const s of studies) {
      expect(s.config).toMatchObject({ dataset: { name: 'mini-imagenet', metaTrainClasses: 64, metaTestClasses: 20, reservedTarget: 1, reservedBackdoor: 1 }, model: { imageSize: 84 }, task: { trainShots: 15 } });
      expect(s.config.attack).toMatchObject({ kind: 'chen-backdoor', innerEpochs: 1, mix: { target: 2, backdoor: 1 }, key: { kind: 'patch', size: 12, margin: 3 }, benignPerClass: 20 });
    }
    const tiny = chenMiniStudies(chenMiniScales.tiny);
    expect(tiny.every((s) => s.config.dataset.name === 'synthetic-rgb')).toBe(true);
  });

  it("checks the paper's mini-ImageNet numbers, not Omniglot's, and says 'not run' before any run", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-claims-'));
    const rows = chenMiniClaims(new Results(dir, chenMiniStudies(chenMiniScales.quick), 3), chenMiniScales.quick);
    rmSync(dir, { recursive: true });
    const paper = (what: string) => rows.find((r) => r.what.startsWith(what))?.paper;
    expect(paper('Meta-testing accuracy before the attack')).toBe('> 60%');
    expect(paper('Exp. 1(a) attack success (training set) after the attack')).toBe('74%');
    expect(paper('Exp. 1(a) attack success (validation) after the attack')).toBe('55%');
    expect(paper('Exp. 1(b) attack success (validation) at the last round')).toBe('42%');
    expect(paper('Exp. 1(c) attack success (validation) after the attack')).toBe('32%');
    expect(paper('Exp. 4 (δ = 0.3) meta-testing accuracy')).toBe('≈ 35%');
    expect(rows.every((r) => r.ours === null && r.verdict === 'not run')).toBe(true);
  });
});
