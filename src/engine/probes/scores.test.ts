import { describe, expect, it } from 'vitest';
import { maskedCount } from '../lottery/budget';
import { bottomScoresMask, topScoresAmong, topScoresMask } from './scores';

const f64 = (...v: number[]) => Float64Array.from(v);
const flat = (m: { W1: Uint8Array; W2: Uint8Array }) => [...m.W1, ...m.W2];

describe('topScoresMask', () => {
  it('keeps exactly `kept` of W1 ∪ W2, the highest scores, from none to all', () => {
    const s1 = f64(0.3, -2, 5, 0.1, 7, 0);
    const s2 = f64(6, -1, 0.2, 4);
    for (let kept = 0; kept <= 10; kept++) {
      const masks = topScoresMask(s1, s2, kept);
      expect(maskedCount(masks)).toBe(kept);
      const all = [...s1, ...s2];
      const keptScores = all.filter((_, f) => flat(masks)[f]);
      const pruned = all.filter((_, f) => !flat(masks)[f]);
      if (keptScores.length && pruned.length) expect(Math.min(...keptScores)).toBeGreaterThan(Math.max(...pruned));
    }
    expect(flat(topScoresMask(s1, s2, 3))).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 0, 0]);
  });

  it('breaks ties by lower flat index, W1 before W2', () => {
    expect(flat(topScoresMask(f64(1, 2, 1), f64(2, 1), 2))).toEqual([0, 1, 0, 1, 0]);
    expect(flat(topScoresMask(f64(1, 2, 1), f64(2, 1), 3))).toEqual([1, 1, 0, 1, 0]);
    expect(flat(topScoresMask(f64(0, 0), f64(0, 0), 3))).toEqual([1, 1, 1, 0]);
  });

  it('ranks a NaN score below every number, −Infinity included', () => {
    expect(flat(topScoresMask(f64(NaN, -Infinity), f64(-5), 2))).toEqual([0, 1, 1]);
  });

  it('rejects a budget above the net or not a whole number', () => {
    expect(() => topScoresMask(f64(1), f64(2), 3)).toThrow(RangeError);
    expect(() => topScoresMask(f64(1), f64(2), 1.5)).toThrow(RangeError);
  });
});

describe('bottomScoresMask', () => {
  it('keeps the lowest scores, negative ones first, with the same tie-break', () => {
    const s1 = f64(0.3, -2, 5, -2);
    const s2 = f64(6, -1);
    expect(flat(bottomScoresMask(s1, s2, 3))).toEqual([0, 1, 0, 1, 0, 1]);
    expect(flat(bottomScoresMask(s1, s2, 1))).toEqual([0, 1, 0, 0, 0, 0]);
    expect(flat(topScoresMask(s1, s2, 3))).not.toEqual(flat(bottomScoresMask(s1, s2, 3)));
  });
});

describe('topScoresAmong', () => {
  it('never brings back a pruned weight, even when it scores highest', () => {
    const current = { W1: Uint8Array.of(0, 1, 1), W2: Uint8Array.of(1, 0) };
    const masks = topScoresAmong(f64(100, 1, 2), f64(3, 200), 2, current);
    expect(flat(masks)).toEqual([0, 0, 1, 1, 0]);
    expect(() => topScoresAmong(f64(100, 1, 2), f64(3, 200), 4, current)).toThrow(RangeError);
  });
});
