/**
 * SNIP (Lee et al. 2019), a SPEC 6 baseline: connection sensitivity |θ ⊙ ∇L| at θ_0 on one
 * batch (the first training batch), keeping the highest. Gradients by tfjs autograd on W1, W2
 * only (biases are held fixed and never scored).
 */
import * as tf from '../trainers/tf';
import type { Batch, Masks, Params, Shape } from '../core/types';
import { meanLoss, probeTensors, readScores } from './probeLoss';
import { topScoresMask } from './scores';

/** SNIP: |θ ⊙ ∇L| at θ0 on one batch (the first training batch). Returns W1 [m*n], W2 [K*m]. */
export function snipScores(init: Params, batch: Batch, shape: Shape): { W1: Float64Array; W2: Float64Array } {
  return readScores(() => {
    const { W1, b1, W2, b2, x, y } = probeTensors(init, batch, shape);
    const [g1, g2] = tf.grads((w1: tf.Tensor, w2: tf.Tensor) => meanLoss(w1, b1, w2, b2, x, y))([W1, W2]);
    return [tf.abs(tf.mul(W1, g1)), tf.abs(tf.mul(W2, g2))];
  });
}

/** The SNIP mask: the `kept` highest |θ ⊙ ∇L| over W1 ∪ W2. */
export function snipProbe(init: Params, batch: Batch, shape: Shape, kept: number): Masks {
  const s = snipScores(init, batch, shape);
  return topScoresMask(s.W1, s.W2, kept);
}
