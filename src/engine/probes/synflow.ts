/**
 * SynFlow (Tanaka et al. 2020), a SPEC 6 baseline, data-free: the synaptic flow
 * R = 1ᵀ |W2| ReLU(|W1| 1) (the paper's R = 1ᵀ(Π_l |θ_l|)1 for two layers) with an all-ones
 * input; score = |θ ⊙ ∂R/∂θ|; pruned iteratively so that no layer collapses.
 *
 * Choice: biases are EXCLUDED from R (set to 0), following the paper's formula; the reference
 * code instead takes |b| of every parameter. With b = 0 and |W| ≥ 0 the ReLU is the identity, so
 *   score W1[j,i] = |W1[j,i]| · Σ_c |W2[c,j]|,   score W2[c,j] = |W2[c,j]| · Σ_i |W1[j,i]|
 * (over kept weights); tfjs autograd computes it, the tests check this closed form.
 *
 * Schedule: iteration t = 1..T keeps kept_t = round(total · (kept/total)^(t/T)) among the weights
 * still kept, re-scoring with the current mask each time; the last keeps exactly `kept`.
 */
import { assertKept, prunableCount } from '../lottery/budget';
import * as tf from '../trainers/tf';
import type { Masks, Params, Shape } from '../core/types';
import { readScores } from './probeLoss';
import { topScoresAmong } from './scores';

/** |θ ⊙ ∂R/∂θ| of the masked |θ| (pruned weights score 0). Returns W1 [m*n], W2 [K*m]. */
export function synflowScores(init: Params, shape: Shape, masks: Masks | null): { W1: Float64Array; W2: Float64Array } {
  const { n, m, K } = shape;
  if (init.W1.length !== m * n || init.W2.length !== K * m) throw new RangeError(`synflow: params do not fit n=${n}, m=${m}, K=${K}`);
  return readScores(() => {
    let W1: tf.Tensor = tf.abs(tf.tensor2d(init.W1, [m, n]));
    let W2: tf.Tensor = tf.abs(tf.tensor2d(init.W2, [K, m]));
    if (masks) {
      W1 = tf.mul(W1, tf.tensor2d(Float32Array.from(masks.W1), [m, n]));
      W2 = tf.mul(W2, tf.tensor2d(Float32Array.from(masks.W2), [K, m]));
    }
    const ones = tf.ones([1, n]);
    const flow = (w1: tf.Tensor, w2: tf.Tensor): tf.Scalar => tf.sum(tf.matMul(tf.relu(tf.matMul(ones, w1, false, true)), w2, false, true));
    const [d1, d2] = tf.grads(flow)([W1, W2]);
    return [tf.abs(tf.mul(W1, d1)), tf.abs(tf.mul(W2, d2))];
  });
}

/** Kept counts per iteration: round(total · (kept/total)^(t/T)), t = 1..T, the last exactly `kept`. [T] */
export function synflowSchedule(total: number, kept: number, iterations: number): number[] {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`synflow: iterations must be a positive integer, got ${iterations}`);
  assertKept(kept, total, 'synflowSchedule');
  const out: number[] = [];
  for (let t = 1; t <= iterations; t++) {
    const planned = t === iterations || total === 0 ? kept : Math.round(total * Math.pow(kept / total, t / iterations));
    out.push(Math.max(kept, Math.min(planned, t > 1 ? out[t - 2] : total)));
  }
  return out;
}

/**
 * SynFlow mask keeping exactly `kept` of W1 ∪ W2 after `iterations` (default 100) re-scored
 * rounds. `onRound`, if given, sees each round's mask (W1 [m*n], W2 [K*m]) as it is made.
 */
export function synflowProbe(init: Params, shape: Shape, kept: number, iterations = 100, onRound?: (masks: Masks, round: number) => void): Masks {
  const total = prunableCount(shape);
  let masks: Masks | null = null;
  synflowSchedule(total, kept, iterations).forEach((keep, t) => {
    const s = synflowScores(init, shape, masks);
    masks = topScoresAmong(s.W1, s.W2, keep, masks);
    onRound?.(masks, t + 1);
  });
  return masks!;
}
