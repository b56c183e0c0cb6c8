import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { keptBudget, maskedCount, prunableCount } from '../lottery/budget';
import { randomMask } from '../lottery/randomMask';
import { initParams } from '../core/params';
import * as tf from '../trainers/tf';
import type { Masks, Params, Shape } from '../core/types';
import { handSynflow, TINY, tinyParams, worstRelativeError } from './handReference';
import { topScoresMask } from './scores';
import { synflowProbe, synflowSchedule, synflowScores } from './synflow';

const defaults: Shape = { n: 24, m: 16, K: 12 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('SynFlow', () => {
  it('scores |θ ⊙ ∂R/∂θ| equal to the closed form |W1[j,i]|·Σc|W2[c,j]| and |W2[c,j]|·Σi|W1[j,i]|, to 1e-5 relative', () => {
    const p = tinyParams();
    const hand = handSynflow(p, TINY, null);
    // By hand: W1[0,0]: 0.5 · (0.7 + 0.3) = 0.5; W2[1,1]: 0.8 · (0.4 + 0.65 + 0.1) = 0.92.
    expect(hand.W1[0]).toBeCloseTo(0.5, 6);
    expect(hand.W2[3]).toBeCloseTo(0.92, 6);
    const s = synflowScores(p, TINY, null);
    expect(worstRelativeError(s.W1, hand.W1)).toBeLessThan(1e-5);
    expect(worstRelativeError(s.W2, hand.W2)).toBeLessThan(1e-5);
  });

  it('scores the masked net: pruned weights count 0 in R, at the default sizes too', () => {
    const p = initParams(defaults, 6);
    const masks = randomMask(defaults, 150, 2);
    const hand = handSynflow(p, defaults, masks);
    const s = synflowScores(p, defaults, masks);
    expect(worstRelativeError(s.W1, hand.W1)).toBeLessThan(1e-5);
    expect(worstRelativeError(s.W2, hand.W2)).toBeLessThan(1e-5);
  });

  it('with one iteration equals a one-shot top-|θ ⊙ ∂R/∂θ| mask', () => {
    for (const [shape, seed] of [
      [TINY, 0],
      [defaults, 4],
      [{ n: 7, m: 5, K: 3 }, 5],
    ] as [Shape, number][]) {
      const p = seed === 0 ? tinyParams() : initParams(shape, seed);
      const hand = handSynflow(p, shape, null);
      for (const s of [0.5, 0.8, 0.95]) {
        const kept = keptBudget(s, shape);
        expect(synflowProbe(p, shape, kept, 1)).toEqual(topScoresMask(hand.W1, hand.W2, kept));
      }
    }
  });

  it('follows kept_t = round(total·(kept/total)^(t/T)) and ends at exactly `kept`', () => {
    const schedule = synflowSchedule(576, 29, 100);
    expect(schedule).toHaveLength(100);
    schedule.slice(0, 99).forEach((k, t) => expect(k).toBe(Math.round(576 * Math.pow(29 / 576, (t + 1) / 100))));
    expect(schedule[99]).toBe(29);
    expect(schedule[0]).toBe(559); // 576 · (29/576)^0.01 = 558.9
    expect(synflowSchedule(10, 10, 3)).toEqual([10, 10, 10]);
    expect(synflowSchedule(10, 0, 2)).toEqual([0, 0]);
  });

  /** Runs SynFlow, checking every round is nested in the last and of the scheduled size; counts
   * the rounds where an unrestricted top-k of the same scores would have revived a weight. */
  function watchRounds(p: Params, shape: Shape, kept: number, iterations: number): number {
    const schedule = synflowSchedule(prunableCount(shape), kept, iterations);
    let last: Masks | null = null;
    let tempted = 0;
    const final = synflowProbe(p, shape, kept, iterations, (masks, round) => {
      expect(maskedCount(masks)).toBe(schedule[round - 1]);
      if (last) {
        masks.W1.forEach((v, i) => expect(v <= last!.W1[i]).toBe(true));
        masks.W2.forEach((v, i) => expect(v <= last!.W2[i]).toBe(true));
        const s = synflowScores(p, shape, last);
        const free = topScoresMask(s.W1, s.W2, schedule[round - 1]);
        if (free.W1.some((v, i) => v > last!.W1[i]) || free.W2.some((v, i) => v > last!.W2[i])) tempted++;
      }
      last = { W1: masks.W1.slice(), W2: masks.W2.slice() };
    });
    expect(maskedCount(final)).toBe(kept);
    return tempted;
  }

  it('never resurrects a pruned weight: each round keeps a subset of the last, the scheduled count', () => {
    for (const kept of [288, 58, 29]) watchRounds(initParams(defaults, 8), defaults, kept, 100);
    // A 2-2-1 net where a row loses its only output weight: its input weights then score 0 and
    // tie with pruned weights of lower index, so a ranking over all weights would revive those.
    expect(watchRounds(initParams({ n: 2, m: 2, K: 1 }, 1), { n: 2, m: 2, K: 1 }, 3, 10)).toBeGreaterThan(0);
  });

  it('is data-free and deterministic, and leaves no tensor behind', () => {
    const p = initParams(defaults, 8);
    const before = tf.memory().numTensors;
    const a = synflowProbe(p, defaults, 58);
    expect(tf.memory().numTensors).toBe(before);
    expect(synflowProbe(p, defaults, 58)).toEqual(a);
    expect(maskedCount(a)).toBe(58);
  });
});
