import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generatedPath, generateSimdModule } from '../../../scripts/build-wasm';

it('simdModule.gen.ts is built from the current wat/*.wat (npm run build:wasm)', async () => {
  expect(readFileSync(generatedPath, 'utf8')).toBe(await generateSimdModule());
});
