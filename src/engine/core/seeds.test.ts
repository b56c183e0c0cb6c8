import { describe, expect, it } from 'vitest';
import { dataSeedFor } from './seeds';

describe('data seeds of extra seeds', () => {
  const main = { init: 2, data: 3 };

  it('keeps the main run its own data seed, and shifts every other seed by its distance from it', () => {
    expect(dataSeedFor(2, main)).toBe(3);
    expect(dataSeedFor(3, main)).toBe(4);
    expect(dataSeedFor(1, main)).toBe(2);
    // Seed 3 no longer trains on the main run's batches (data seed 3), as it did when data seed = seed.
    expect(dataSeedFor(3, main)).not.toBe(main.data);
  });

  it('never gives two seeds one data seed, wrapping within 0 .. 2^31 − 1', () => {
    const seeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2 ** 31 - 1, 2 ** 31 - 2, 12345];
    const data = seeds.map((s) => dataSeedFor(s, main));
    expect(new Set(data).size).toBe(seeds.length);
    expect(dataSeedFor(2 ** 31 - 1, main)).toBe(0);
    expect(dataSeedFor(0, { init: 5, data: 1 })).toBe(2 ** 31 - 4);
    for (const d of data) expect(Number.isInteger(d) && d >= 0 && d < 2 ** 31).toBe(true);
  });
});
