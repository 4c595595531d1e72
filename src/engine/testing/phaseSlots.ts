import type { ExperimentConfig } from '../config/schema';
import { createLocalClients } from '../experiment/clients';
import type { OptimiserSlot } from '../optim/slot';
import { setupSmall } from './attackSetting';

export interface PhaseSlot { slot: OptimiserSlot | undefined; filled: boolean }

/**
 * What each training phase of the attacker (user 0) got at round 1, in order: the optimiser slot
 * passed to its metaTrain (the 7th argument) and whether that slot already held an Adam.
 */
export async function phaseSlots(c: ExperimentConfig): Promise<PhaseSlot[]> {
  const { ds, exp } = await setupSmall(c);
  const attacker = createLocalClients(exp, c, ds)[0];
  const spy = attacker as unknown as { metaTrain: (...args: unknown[]) => unknown };
  const calls: PhaseSlot[] = [];
  const metaTrain = spy.metaTrain.bind(attacker);
  spy.metaTrain = (...args) => {
    const slot = args[6] as OptimiserSlot | undefined;
    calls.push({ slot, filled: slot?.adam != null });
    return metaTrain(...args);
  };
  await attacker.train({ round: 1, weights: exp.initial, seed: 5 });
  attacker.dispose();
  return calls;
}
