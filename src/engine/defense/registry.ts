import type { FineTuneConfig } from '../config/schema';
import { createMatching } from './matching';
import { createSupervised } from './supervisedFineTune';
import type { FineTuneContext, FineTuner } from './types';

type Kind = Exclude<FineTuneConfig['kind'], 'none'>;
type Factories = { [K in Kind]: (c: Extract<FineTuneConfig, { kind: K }>, ctx: FineTuneContext) => FineTuner };

/** Every client-side fine-tuning defense, by kind: a kind in the schema without a factory fails to compile. */
export const fineTuners: Factories = {
  supervised: createSupervised,
  matching: createMatching,
};

/** The configured fine-tuner, or null for `none`. */
export function createFineTuner(c: FineTuneConfig, ctx: FineTuneContext): FineTuner | null {
  if (c.kind === 'none') return null;
  const make = fineTuners[c.kind] as (c: FineTuneConfig, ctx: FineTuneContext) => FineTuner;
  return make(c, ctx);
}
