import { describe, expect, it } from 'vitest';
import { checkpointUrl } from './checkpointStore';

describe('checkpoint sources', () => {
  it('serves public/ paths (as npm run sim reads them) from the app\'s base, and leaves URLs alone', () => {
    expect(checkpointUrl('public/checkpoints/omniglot-conv4.ckpt', 'http://x/app/')).toBe('http://x/app/checkpoints/omniglot-conv4.ckpt');
    expect(checkpointUrl('checkpoints/a.ckpt', 'http://x/')).toBe('http://x/checkpoints/a.ckpt');
    expect(checkpointUrl('https://example.org/m.ckpt', 'http://x/')).toBe('https://example.org/m.ckpt');
  });
});
