/**
 * One Node measurement, in its own process so that each backend starts cold and V8 flags
 * (relaxed SIMD) apply: `node [--experimental-wasm-relaxed-simd] --import tsx nodeRun.ts <backend> [--quick] [--workload NAME]`.
 * Prints one line: BENCH_RESULT {json}.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendPreference } from '../../src/engine/backend/initBackend';
import { runWorkload, type WorkloadName } from './workload';

const backend = process.argv[2] as BackendPreference;
const choice = await initBackend(backend);
const at = process.argv.indexOf('--workload');
const workload = (at > 0 ? process.argv[at + 1] : 'omniglot') as WorkloadName;
const result = await runWorkload({ quick: process.argv.includes('--quick'), workload });
console.log(`BENCH_RESULT ${JSON.stringify({ backend: tf.getBackend(), reason: choice.reason, ...result })}`);
