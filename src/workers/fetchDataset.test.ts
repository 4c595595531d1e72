import { describe, expect, it } from 'vitest';
import { DATASET_FORMAT } from '../engine/data/format';
import { fetchDataset, joinUrl, sha256Hex } from './fetchDataset';

const pixels = new Uint8Array([0, 255, 128, 7]);
const sha = '04d353a5cbb078041f4220207062906df06238ddd5ff5c6b21b8fac4b43e4679'; // sha256 of the 4 bytes above

const index = {
  format: DATASET_FORMAT, name: 'tiny', width: 2, height: 1, count: 2, images: 'images.u8', sha256: sha, source: 'test',
  classes: [{ id: 0, name: 'x', origin: 'train', sourceLabel: 0, start: 0, count: 2 }],
};

/** A fake fetch serving a map of URL → body. */
const fakeFetch = (files: Record<string, string | Uint8Array>) => (async (url: string) => {
  const body = files[url];
  return body === undefined ? new Response('not found', { status: 404 }) : new Response(body as BodyInit);
}) as typeof fetch;

describe('fetchDataset', () => {
  it('fetches index.json and images.u8 relative to the base URL', async () => {
    const f = fakeFetch({ '/datasets/tiny/index.json': JSON.stringify(index), '/datasets/tiny/images.u8': pixels });
    const ds = await fetchDataset('/datasets/', 'tiny', { fetch: f, verify: true });
    expect(ds.width).toBe(2);
    expect(Array.from(ds.images)).toEqual([0, 255, 128, 7]);
  });

  it('explains how to build missing datasets', async () => {
    await expect(fetchDataset('/datasets', 'tiny', { fetch: fakeFetch({}) })).rejects.toThrow(/HTTP 404\. Run `npm run datasets`/);
    const html = fakeFetch({ '/datasets/tiny/index.json': '<!doctype html>' });
    await expect(fetchDataset('/datasets', 'tiny', { fetch: html })).rejects.toThrow(/is not JSON \(missing file\?\)/);
  });

  it('detects corrupt pixel data when verifying', async () => {
    const f = fakeFetch({ '/d/tiny/index.json': JSON.stringify(index), '/d/tiny/images.u8': new Uint8Array([1, 2, 3, 4]) });
    await expect(fetchDataset('/d', 'tiny', { fetch: f, verify: true })).rejects.toThrow(/sha256 .* index\.json says/);
    const short = fakeFetch({ '/d/tiny/index.json': JSON.stringify(index), '/d/tiny/images.u8': new Uint8Array(3) });
    await expect(fetchDataset('/d', 'tiny', { fetch: short })).rejects.toThrow(/has 3 bytes, expected 4/);
  });

  it('joins URLs and hashes with Web Crypto', async () => {
    expect(joinUrl('http://x/a//', 'fashion-mnist', 'index.json')).toBe('http://x/a/fashion-mnist/index.json');
    expect(await sha256Hex(pixels)).toBe(sha);
  });
});
