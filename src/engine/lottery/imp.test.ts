import { describe, expect, it } from 'vitest';
import { keptBudget, prunableCount } from './budget';
import { impSchedule } from './imp';

const defaults = { n: 24, m: 16, K: 12 };
const grid = [0.5, 0.7, 0.8, 0.9];

/** Checks a schedule against the SPEC 5 rule, step by step, without reproducing the code. */
function followsTheRule(total: number, targets: number[], schedule: number[], rate: number): void {
  const stops = new Set(targets.filter((t) => t < total));
  let prev = total;
  for (const next of schedule) {
    const twentyPercent = prev - Math.max(1, Math.round(rate * prev));
    const nextTarget = Math.max(...[...stops].filter((t) => t < prev));
    if (next === twentyPercent) expect(next).toBeGreaterThanOrEqual(nextTarget);
    else {
      // A shorter round is allowed only when it stops at the target the full round would pass.
      expect(next).toBe(nextTarget);
      expect(twentyPercent).toBeLessThan(nextTarget);
    }
    prev = next;
  }
  for (const t of stops) expect(schedule).toContain(t);
  expect(schedule[schedule.length - 1]).toBe(Math.min(...stops));
}

describe('impSchedule', () => {
  const targets = grid.map((s) => keptBudget(s, defaults));

  it('asks for 288, 173, 115 and 58 kept weights at the default grid', () => {
    expect(targets).toEqual([288, 173, 115, 58]);
  });

  it('at the default sizes runs 576 → 461 → 369 → 295 → 288 → 230 → 184 → 173 → 138 → 115 → 92 → 74 → 59 → 58', () => {
    const schedule = impSchedule(prunableCount(defaults), targets);
    expect(schedule).toEqual([461, 369, 295, 288, 230, 184, 173, 138, 115, 92, 74, 59, 58]);
    followsTheRule(576, targets, schedule, 0.2);
  });

  it('matches the SPEC example for targets 0.5 and 0.7', () => {
    expect(impSchedule(576, [288, 173])).toEqual([461, 369, 295, 288, 230, 184, 173]);
  });

  it('removes 20% of what remains (rounded) except where it stops exactly at a target', () => {
    for (const [total, ts] of [
      [576, [288, 173, 115, 58, 29]],
      [37, [18, 4]],
      [1000, [999, 500, 1]],
      [2000, [7, 1500, 1499]],
    ] as [number, number[]][]) {
      followsTheRule(total, ts, impSchedule(total, ts), 0.2);
    }
  });

  it('ignores target order, duplicates and targets at or above the total', () => {
    expect(impSchedule(576, [58, 288, 288, 576, 1000, 173, 115])).toEqual(impSchedule(576, targets));
  });

  it('always makes progress, removing at least one weight per round at small counts', () => {
    expect(impSchedule(3, [0])).toEqual([2, 1, 0]);
  });

  it('is empty when no target lies below the total', () => {
    expect(impSchedule(576, [576, 600])).toEqual([]);
    expect(impSchedule(576, [])).toEqual([]);
  });

  it('honours another rate, still stopping at the target', () => {
    const schedule = impSchedule(100, [10], 0.5);
    expect(schedule).toEqual([50, 25, 12, 10]);
    followsTheRule(100, [10], schedule, 0.5);
  });

  it('rejects negative or fractional targets and rates outside (0, 1)', () => {
    expect(() => impSchedule(576, [-1])).toThrow(RangeError);
    expect(() => impSchedule(576, [1.5])).toThrow(RangeError);
    expect(() => impSchedule(576, [10], 0)).toThrow(RangeError);
    expect(() => impSchedule(576, [10], 1)).toThrow(RangeError);
  });
});
