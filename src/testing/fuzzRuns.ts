/**
 * How many cases a property runs: `base` in `npm test`, FUZZ_SCALE × base (default 10) under
 * `npm run fuzz`, which explores new seeds (fastCheckSetup.ts).
 */
export function fuzzRuns(base: number): { numRuns: number } {
  if (process.env.LOTTERY_FUZZ !== '1') return { numRuns: base };
  const scale = Number(process.env.FUZZ_SCALE ?? 10);
  return { numRuns: Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 10))) };
}
