import fc from 'fast-check';

/**
 * The fuzz suites run a fixed seed, so `npm test` is the same on every run (a flaky test is a
 * failing test). Explore new cases with FC_SEED=<number>; a failure prints its seed and path.
 */
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
fc.configureGlobal({ seed: Number(env.FC_SEED ?? 20261202) });
