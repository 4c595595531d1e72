import type { ActiveAttackConfig, ExperimentConfig } from '../config/schema';
import type { FederatedClient } from '../fed/client';
import type { AttackContext } from './attacker';
import { BhagojiAlternatingClient } from './bhagojiAlternating';
import { BhagojiExplicitClient } from './bhagojiExplicit';
import { ChenBackdoorClient } from './chen';
import { ModelReplacementClient } from './modelReplacement';
import { ZhouClient } from './zhou';

type Factories = { [K in ActiveAttackConfig['kind']]: (ctx: AttackContext) => FederatedClient };

/** Every attack, by kind: adding a kind to the schema without a client fails to compile. */
export const attacks: Factories = {
  'chen-backdoor': (ctx) => new ChenBackdoorClient(ctx),
  'bhagoji-explicit': (ctx) => new BhagojiExplicitClient(ctx),
  'bhagoji-alternating': (ctx) => new BhagojiAlternatingClient(ctx),
  'zhou-am': (ctx) => new ZhouClient(ctx),
  'model-replacement': (ctx) => new ModelReplacementClient(ctx),
};

export const attackKinds = Object.keys(attacks) as ActiveAttackConfig['kind'][];

/** The malicious client of the config's attack (null without an attack). */
export function createAttacker(config: ExperimentConfig, ctx: AttackContext): FederatedClient | null {
  return config.attack.kind === 'none' ? null : attacks[config.attack.kind](ctx);
}
