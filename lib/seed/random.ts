/**
 * Seeded randomness for the demo data generator. Math.random is never used:
 * the same seed must give byte-identical data on every run.
 */

/** 32-bit FNV-1a of a string, so `--seed acme` and `--seed 42` are both valid seeds. */
export function hashSeed(seed: string | number): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Mix a base seed with a stream number (e.g. the account's index) into an independent seed
 * (murmur3 finaliser), so each account's data depends only on (seed, index) and not on how
 * much randomness earlier accounts consumed.
 */
export function deriveSeed(base: number, stream: number): number {
  let h = (base ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A weighted choice: [value, relative weight]. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** mulberry32: tiny, fast and good enough for synthetic data (not for anything secret). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(entries: Weighted<T>): T {
    // Indexed loops: this runs millions of times per seed, and tuple destructuring is slower.
    let total = 0;
    for (let i = 0; i < entries.length; i++) total += (entries[i] as readonly [T, number])[1];
    let target = this.next() * total;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as readonly [T, number];
      target -= entry[1];
      if (target < 0) return entry[0];
    }
    // Only reachable through floating-point rounding: fall back to the last entry.
    const last = entries[entries.length - 1];
    if (!last) throw new Error("weighted pick from an empty list");
    return last[0];
  }

  /** `count` distinct items in random order (partial Fisher-Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const swap = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = swap;
    }
    return copy.slice(0, n);
  }

  /** Standard normal via Box-Muller (one value per call keeps the stream simple). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next(); // (0, 1]: log(0) is never taken
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(mu, sigma)): company sizes, revenue per head, order-size noise. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Pareto(xm, alpha): heavy tail with minimum xm; alpha ≈ 1.16 is the 80/20 rule. */
  pareto(xm: number, alpha: number): number {
    return xm / Math.pow(1 - this.next(), 1 / alpha);
  }

  /** Poisson(lambda) by Knuth's method below 30, normal approximation above (counts stay small). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}
