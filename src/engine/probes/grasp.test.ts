import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../trainers/tf';
import { budgetsAtDefaultSizes } from './probeFixtures';
import { graspProbe, graspScores } from './grasp';
import { handGradient, handHessianTimes, TINY, tinyBatch, tinyParams, weightsOf, worstRelativeError } from './handReference';
import { bottomScoresMask, topScoresMask } from './scores';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** −θ ⊙ Hg with g from the hand backprop and Hg by central differences of that gradient along g. */
function handGrasp() {
  const p = tinyParams();
  const b = tinyBatch();
  const g = handGradient(weightsOf(p), p, b, TINY);
  const hg = handHessianTimes(g, p, b, TINY);
  return { W1: hg.W1.map((h, i) => -h * p.W1[i]), W2: hg.W2.map((h, i) => -h * p.W2[i]) };
}

describe('GraSP', () => {
  it('scores −θ ⊙ Hg equal to finite differences of a hand backprop on a 3-2-2 net and 4 samples, to 1e-5 relative', () => {
    const hand = handGrasp();
    expect(hand.W1[0]).toBeCloseTo(-0.004483233, 8);
    expect(hand.W2[1]).toBeCloseTo(-0.0043654434, 8);
    const s = graspScores(tinyParams(), tinyBatch(), TINY);
    expect(worstRelativeError(s.W1, hand.W1)).toBeLessThan(1e-5);
    expect(worstRelativeError(s.W2, hand.W2)).toBeLessThan(1e-5);
  });

  it('keeps the LOWEST scores, which here differs from keeping the highest', () => {
    const hand = handGrasp();
    for (const kept of [1, 3, 4, 7]) {
      const masks = graspProbe(tinyParams(), tinyBatch(), TINY, kept);
      expect(masks).toEqual(bottomScoresMask(hand.W1, hand.W2, kept));
      expect(masks).not.toEqual(topScoresMask(hand.W1, hand.W2, kept));
    }
    // Kept 3: the three most negative scores, W1[0] (−0.00448), W2[1] (−0.00437), W1[2] (−0.00307).
    expect(graspProbe(tinyParams(), tinyBatch(), TINY, 3)).toEqual({ W1: Uint8Array.of(1, 0, 1, 0, 0, 0), W2: Uint8Array.of(0, 1, 0, 0) });
  });

  it('runs on the first training batch at the default sizes, keeping exactly the budget and no tensor', () => {
    const r = budgetsAtDefaultSizes(graspProbe);
    expect(r.kept).toEqual(r.budgets);
    expect(r.tensorsLeft).toBe(0);
  });
});
