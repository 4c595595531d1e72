// ESLint (npm run lint): the recommended JavaScript and typescript-eslint rules, plus the
// engine's own constraints. Type errors and unused names are tsc's job (npm run typecheck).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.test.ts', 'src/engine/testing/**'];

// On tfjs-backend-webgpu a synchronous read goes through canvases: slow on real GPUs, and
// headless SwiftShader loses the device on it. Every read in the engine and workers awaits.
const SYNC_READ = {
  selector: 'CallExpression[callee.property.name=/^(dataSync|arraySync)$/]',
  message: 'Read tensors with await data()/array(): a synchronous read blocks the thread, and on WebGPU it is fragile.',
};

export default defineConfig(
  {
    ignores: [
      'dist/', 'public/', 'runs/', 'test-results/', 'playwright-report/', 'e2e/artifacts/',
      'src/engine/backend/simdModule.gen.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // tsc reports unused locals and parameters (noUnusedLocals/Parameters) and, like the code,
    // takes a leading _ as "unused on purpose"; this rule would report those again without it.
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    // The config files that run in Node as plain JavaScript.
    files: ['*.js', '*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Workers run the engine on WebGPU too: no synchronous reads there either.
    files: ['src/workers/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-syntax': ['error', SYNC_READ] },
  },
  {
    // The engine runs on every host and must repeat a run exactly from its seed.
    files: ['src/engine/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-properties': ['error', {
        object: 'Math', property: 'random', message: 'Draw from the seeded rng (src/engine/rng.ts) so runs repeat.',
      }],
      'no-restricted-syntax': ['error', SYNC_READ],
      'no-restricted-globals': ['error', ...['window', 'document', 'self', 'navigator', 'location', 'process', 'fetch'].map((name) => ({
        name, message: 'Host-specific: the engine gets it injected by src/workers or src/node.',
      }))],
    },
  },
);
