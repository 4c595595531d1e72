import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../engine/config/parse';
import { reconcile } from './coupled';

describe('coupled fields', () => {
  it('resets Conv4\'s width when the model kind moves away from conv4 (other kinds refuse any but the default)', () => {
    const prev = parseConfig({ model: { filters: 16 } });
    const next = { ...prev, model: { ...prev.model, kind: 'lenet5' as const } };
    expect(reconcile(prev, next, 'model.kind').model).toEqual({ ...prev.model, kind: 'lenet5', filters: 64 });
    expect(() => parseConfig(reconcile(prev, next, 'model.kind'))).not.toThrow();
    const back = { ...next, model: { ...next.model, kind: 'conv4' as const, filters: 16 } };
    expect(reconcile(next, back, 'model.kind').model.filters).toBe(16);
  });
});
