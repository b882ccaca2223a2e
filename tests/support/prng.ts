// mulberry32: small, fast, good enough to pick mutations reproducibly.
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
