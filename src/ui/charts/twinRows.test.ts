import { describe, expect, it } from 'vitest';
import { twinKey, withTwin } from './twinRows';

describe('withTwin', () => {
  it('puts the twin\'s values of each series beside the run\'s, by round', () => {
    const run = [{ round: 0, a: 0.1, b: 0.2 }, { round: 2, a: 0.9, b: null }];
    const twin = [{ round: 0, a: 0.1, b: 0.2 }, { round: 1, a: 0.15, b: 0.25 }, { round: 2, a: 0.2, b: 0.3 }];
    expect(withTwin(run, twin, ['a', 'b'])).toEqual([
      { round: 0, a: 0.1, b: 0.2, 'twin:a': 0.1, 'twin:b': 0.2 },
      { round: 1, 'twin:a': 0.15, 'twin:b': 0.25 },
      { round: 2, a: 0.9, b: null, 'twin:a': 0.2, 'twin:b': 0.3 },
    ]);
    expect(twinKey('a')).not.toContain('.'); // recharts reads dots in a dataKey as a path
  });

  it('returns the run\'s rows themselves without a twin (charts memoise on them)', () => {
    const run = [{ round: 0, a: 1 }];
    expect(withTwin(run, [], ['a'])).toBe(run);
  });
});
