/**
 * Seeded randomness for the whole engine. Nothing in src/engine may use Math.random:
 * every random choice derives from the run's root seed through `deriveSeed`, so a
 * config + seed reproduces a run exactly.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Fisher–Yates shuffle, in place; returns the array. */
  shuffle<T>(a: T[]): T[];
  pick<T>(a: readonly T[]): T;
  /** k distinct indices from [0, n), in random order. */
  sample(n: number, k: number): number[];
}

/** sfc32: small, fast, and passes PractRand far beyond what we need. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const raw = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) raw(); // warm up so nearby seeds diverge
  const rng: Rng = {
    next: raw,
    int: (n) => Math.floor(raw() * n),
    normal: () => {
      const u = 1 - raw();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * raw());
    },
    shuffle: (arr) => {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(raw() * (i + 1));
        const t = arr[i]; arr[i] = arr[j]; arr[j] = t;
      }
      return arr;
    },
    pick: (arr) => arr[Math.floor(raw() * arr.length)],
    sample: (n, k) => {
      if (k > n) throw new Error(`cannot sample ${k} distinct items from ${n}`);
      const idx = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(raw() * (n - i));
        const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
      }
      return idx.slice(0, k);
    },
  };
  return rng;
}

/** FNV-1a over the seed and labels, then a murmur finaliser: a new independent 32-bit seed. */
export function deriveSeed(seed: number, ...labels: (string | number)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  const mix = (x: number) => { h ^= x & 0xff; h = Math.imul(h, 0x01000193); };
  for (const label of labels) {
    const s = typeof label === 'number' ? `#${label}` : label;
    for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); mix(c); mix(c >>> 8); }
    mix(0x1f);
  }
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h >>> 0;
}
