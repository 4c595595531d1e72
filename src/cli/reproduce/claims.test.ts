import { describe, expect, it } from 'vitest';
import { stat } from '../summary';
import { aboveTwin, againstTwin, atLeast, meanPct, near, statedPct } from './claims';

describe('claim verdicts', () => {
  it('bounds and stated values, by hand', () => {
    expect(atLeast(stat([0.95, 0.97]), 0.9)).toBe('met');
    expect(atLeast(stat([0.85]), 0.9)).toBe('within ±10 points of the bound');
    expect(atLeast(stat([0.5]), 0.9)).toBe('not met (-40.0 points)');
    expect(near(stat([0.2, 0.3]), 0.78)).toBe('off by -53.0 points');
  });

  it('the numbers verdicts quote, and ours against the twin by more than 10 points, by hand', () => {
    expect([statedPct(0.78), statedPct(0.5), meanPct(stat([0.2, 0.3])), meanPct(null)]).toEqual(['78%', '50%', '25.0%', '–']);
    expect(aboveTwin(stat([0.4, 0.5]), stat([0.3]))).toBe('holds (15.0 points above the twin)');
    expect(aboveTwin(stat([0.35]), stat([0.3]))).toBe('does not hold (5.0 points above the twin)');
    expect(aboveTwin(stat([0.2]), null)).toBe('not run');
  });

  it('says when the benign twin gets at least half as far without any attack', () => {
    // The attack: 1, 1, 1; the twin: 1, 1, 0 (two seeds of three misclassify without an attack).
    const ours = stat([1, 1, 1]), twin = stat([1, 1, 0]);
    expect(againstTwin('met', ours, twin)).toBe('met; but the benign twin reaches 66.7% without any attack');
    // A twin below half of ours leaves the verdict alone, as does a missing twin.
    expect(againstTwin('met', ours, stat([0.4]))).toBe('met');
    expect(againstTwin('met', ours, null)).toBe('met');
    expect(againstTwin('not met (-90.0 points)', stat([0]), stat([0]))).toBe('not met (-90.0 points)');
  });
});
