import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presets } from '../../engine/config/presets';
import { parseConfig } from '../../engine/config/parse';
import { chenScales, chenStudies } from './chenOmniglot';
import { chenMiniScales, chenMiniStudies } from './chenMiniImagenet';
import { chenClaims } from './chenReport';
import { Results } from './results';

describe('npm run reproduce -- chen-omniglot: the two attackers', () => {
  const studies = chenStudies(chenScales.quick);
  const attackOf = (id: string) => studies.find((s) => s.id === id)!.config.attack;

  it("runs Experiment 1 with the paper's attacker (the N-th output, the benign ε) and again with the random-output attacker (ε = 1, 1000 episodes)", () => {
    for (const sc of ['a', 'b', 'c']) {
      expect(attackOf(`exp1-${sc}`)).toMatchObject({ kind: 'chen-backdoor', scenario: sc, targetLabel: 'last', episodes: 500, innerEpochs: 2 });
      expect(attackOf(`exp1-${sc}`)).not.toHaveProperty('outerLr');
      expect(attackOf(`exp1-${sc}-random`)).toMatchObject({ kind: 'chen-backdoor', scenario: sc, targetLabel: 'random', outerLr: 1, episodes: 1000, innerEpochs: 2 });
      expect(studies.find((s) => s.id === `exp1-${sc}-random`)!.series).toEqual(['attacked', 'twin']);
    }
  });

  it('draws the random-output attacker\'s training-length curve, and fine-tunes after its update in Experiments 2–4', () => {
    expect(attackOf('length-random-250')).toMatchObject({ targetLabel: 'random', outerLr: 1, episodes: 250 });
    expect(attackOf('length-random-2000')).toMatchObject({ targetLabel: 'random', outerLr: 1, episodes: 2000 });
    expect(attackOf('length-1500')).toMatchObject({ targetLabel: 'last', episodes: 1500 });
    const fineTuned = studies.filter((s) => s.config.defense.fineTune.kind !== 'none');
    expect(fineTuned.map((s) => s.id)).toEqual(['exp2', 'exp3-lr0.01', 'exp3-lr0.05', 'exp4-delta0.3', 'exp4-delta1']);
    for (const s of fineTuned) expect(s.config.attack).toMatchObject({ targetLabel: 'random', outerLr: 1, episodes: 1000 });
  });

  it('gives the app\'s Experiment 2–4 presets, the classroom demo and chen-exp1a-random the reproduction\'s random-output attacker', () => {
    const { targetLabel, outerLr, episodes, innerEpochs, boost } = attackOf('exp4-delta0.3') as Record<string, unknown>;
    for (const id of ['chen-exp2-finetune', 'chen-exp3-finetune-lr', 'chen-exp4-matching', 'classroom-demo', 'chen-exp1a-random'] as const) {
      expect(parseConfig(presets[id].config).attack, id).toMatchObject({ kind: 'chen-backdoor', scenario: 'a', targetLabel, outerLr, episodes, innerEpochs, boost });
    }
  });

  it('leaves mini-ImageNet, which has no random-output attacker, with the paper\'s', () => {
    const mini = chenMiniStudies(chenMiniScales.full);
    expect(mini.some((s) => s.id.includes('random'))).toBe(false);
    for (const s of mini) expect(s.config.attack).toMatchObject({ targetLabel: 'last' });
  });

  it("checks the random-output attacker against the paper's Experiment 1 numbers, marked as such", () => {
    const dir = mkdtempSync(join(tmpdir(), 'chen-claims-'));
    const rows = chenClaims(new Results(dir, studies, 3), chenScales.quick);
    rmSync(dir, { recursive: true });
    const row = (what: string) => rows.find((r) => r.what === what);
    expect(row('Exp. 1(a) attack success (training set) after the attack')?.paper).toBe('78%');
    expect(row("Attacker's target at a random output: Exp. 1(a) attack success (training set) after the attack")?.paper).toBe('78%');
    expect(row("Attacker's target at a random output: Exp. 1(b) attack success (validation) after the attack")?.paper).toBe('83%');
    expect(rows.filter((r) => r.what.includes('plants a backdoor')).map((r) => r.figure)).toEqual(['Fig. 3a', 'Fig. 3b', 'Fig. 3c']);
    expect(rows.find((r) => r.what.startsWith('Exp. 2 (random-output attacker) main-task accuracy'))).toBeDefined();
    expect(rows.every((r) => r.ours === null)).toBe(true);
  });
});
