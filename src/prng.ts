// Seeded pseudo-random numbers for the Sandbox, the demo history, tests and benchmarks: the same seed gives the
// same sequence on every run and machine. Never for secrets (node:crypto is).
/** mulberry32: small, fast and good enough to look random while staying reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
