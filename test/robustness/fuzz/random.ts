/**
 * A small seeded PRNG (mulberry32): the fuzzer must replay exactly from a seed, and
 * Math.random cannot be seeded. Each input gets its own generator derived from (seed, index),
 * so input #n can be regenerated without replaying the n-1 before it.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static forInput(seed: number, index: number): Random {
    // Mix the two numbers so neighbouring indexes give unrelated streams.
    let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
    h ^= h >>> 16;
    return new Random(h >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Mostly small lengths, sometimes large: most bugs need a small change, a few a big one. */
  spanLength(max: number): number {
    if (max <= 1) return max;
    const r = this.next();
    if (r < 0.6) return this.int(1, Math.min(16, max));
    if (r < 0.9) return this.int(1, Math.min(512, max));
    return this.int(1, max);
  }
}
