import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../trainers/tf';
import { budgetsAtDefaultSizes } from './probeFixtures';
import { handGradient, TINY, tinyBatch, tinyParams, weightsOf, worstRelativeError } from './handReference';
import { topScoresMask } from './scores';
import { snipProbe, snipScores } from './snip';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** |θ ⊙ ∇L| from the hand backprop. */
function handSnip() {
  const p = tinyParams();
  const g = handGradient(weightsOf(p), p, tinyBatch(), TINY);
  return { W1: g.W1.map((d, i) => Math.abs(d * p.W1[i])), W2: g.W2.map((d, i) => Math.abs(d * p.W2[i])) };
}

describe('SNIP', () => {
  it('scores |θ ⊙ ∇L| equal to a hand backprop on a 3-2-2 net and 4 samples, to 1e-5 relative', () => {
    const hand = handSnip();
    // Hand figures (float64), pinned so a change of loss or layout shows.
    expect(hand.W1[0]).toBeCloseTo(0.0023529049, 9);
    expect(hand.W2[3]).toBeCloseTo(0.017558576, 9);
    const s = snipScores(tinyParams(), tinyBatch(), TINY);
    expect(worstRelativeError(s.W1, hand.W1)).toBeLessThan(1e-5);
    expect(worstRelativeError(s.W2, hand.W2)).toBeLessThan(1e-5);
  });

  it('keeps the highest hand-computed scores', () => {
    const hand = handSnip();
    for (const kept of [1, 3, 4, 7, 10]) expect(snipProbe(tinyParams(), tinyBatch(), TINY, kept)).toEqual(topScoresMask(hand.W1, hand.W2, kept));
  });

  it('runs on the first training batch at the default sizes, keeping exactly the budget and no tensor', () => {
    const r = budgetsAtDefaultSizes(snipProbe);
    expect(r.kept).toEqual(r.budgets);
    expect(r.tensorsLeft).toBe(0);
  });
});
