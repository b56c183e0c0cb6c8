/**
 * GraSP (Wang et al. 2020), a SPEC 6 baseline: score −θ ⊙ Hg with Hg = ∇(stop_gradient(g) · g)
 * and g = ∇L at θ_0 on the first training batch; the mask removes the HIGHEST scores (weights
 * whose removal would most reduce gradient flow are kept), i.e. keeps the lowest.
 * Like the reference implementation, g and Hg are over the weights W1, W2 only (biases fixed);
 * unlike it, logits are not divided by a temperature and one batch is used (SPEC 6).
 * Hg is a gradient of a gradient: tfjs records the inner backward pass on the outer tape; the
 * loss is written in its softplus form so that this second derivative is complete (probeLoss).
 */
import * as tf from '../trainers/tf';
import type { Batch, Masks, Params, Shape } from '../core/types';
import { meanLossTwice, probeTensors, readScores } from './probeLoss';
import { bottomScoresMask } from './scores';

/** GraSP scores −θ ⊙ Hg at θ0 on the batch. Returns W1 [m*n], W2 [K*m]. */
export function graspScores(init: Params, batch: Batch, shape: Shape): { W1: Float64Array; W2: Float64Array } {
  return readScores(() => {
    const { W1, b1, W2, b2, x, y } = probeTensors(init, batch, shape);
    const gradL = tf.grads((w1: tf.Tensor, w2: tf.Tensor) => meanLossTwice(w1, b1, w2, b2, x, y));
    // g is computed outside the outer tape, so it is a constant there: stop_gradient(g).
    const [g1, g2] = gradL([W1, W2]);
    const gDotG = (w1: tf.Tensor, w2: tf.Tensor): tf.Scalar => {
      const [d1, d2] = gradL([w1, w2]);
      return tf.add(tf.sum(tf.mul(g1, d1)), tf.sum(tf.mul(g2, d2))) as tf.Scalar;
    };
    const [hg1, hg2] = tf.grads(gDotG)([W1, W2]);
    return [tf.neg(tf.mul(W1, hg1)), tf.neg(tf.mul(W2, hg2))];
  });
}

/** The GraSP mask: keeps the `kept` LOWEST −θ ⊙ Hg over W1 ∪ W2 (ties: lower flat index, W1 first). */
export function graspProbe(init: Params, batch: Batch, shape: Shape, kept: number): Masks {
  const s = graspScores(init, batch, shape);
  return bottomScoresMask(s.W1, s.W2, kept);
}
