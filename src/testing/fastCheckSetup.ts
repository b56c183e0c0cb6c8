/**
 * Vitest setup (vitest.config.ts setupFiles): every fast-check property in `npm test` runs from
 * one fixed seed, so a commit that passes once passes every time. `npm run fuzz` sets
 * LOTTERY_FUZZ=1: the same properties then draw a fresh seed (or FC_SEED, to replay one) and
 * run FUZZ_SCALE times as many cases (see fuzzRuns).
 */
import { randomInt } from 'node:crypto';
import fc from 'fast-check';

/** The seed every property in `npm test` starts from. */
export const FIXED_SEED = 20261202;

export const fuzzing = process.env.LOTTERY_FUZZ === '1';

function seedToUse(): number {
  if (!fuzzing) return FIXED_SEED;
  const given = process.env.FC_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be a whole number, not "${given}".`);
    return seed;
  }
  return randomInt(-(2 ** 31), 2 ** 31);
}

const seed = seedToUse();
fc.configureGlobal({ seed });
if (fuzzing) console.log(`fast-check seed ${seed} (replay: FC_SEED=${seed} npm run fuzz)`);
