import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXED_SEED, fuzzing } from './fastCheckSetup';

describe('fast-check in npm test', () => {
  it.skipIf(fuzzing)('starts every property from the fixed seed', () => {
    expect(fc.readConfigureGlobal().seed).toBe(FIXED_SEED);
  });
});
