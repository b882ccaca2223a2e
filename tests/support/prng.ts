// The tests' one seeded randomness (mulberry32: small, fast, good enough): mutations that fail the
// same way every run, and generated bundles byte-identical run to run (samples are regenerable).
export type Rand = () => number;

export function prng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded whole numbers below `n`: for randomised tests that must fail the same way every run. */
export function prngBelow(seed: number): (n: number) => number {
  const rand = prng(seed);
  return (n) => Math.floor(rand() * n);
}

/** The same sequence with helpers, for building bundles and logs. */
export class Prng {
  private readonly rand: Rand;
  constructor(seed: number) {
    this.rand = prng(seed);
  }
  next(): number {
    return this.rand();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i += 1) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
  guid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${['8', '9', 'a', 'b'][this.int(0, 3)]}${this.hex(3)}-${this.hex(12)}`;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
}
