/**
 * The pieces of a tfjs training step that the single and the batched tfjs trainers share:
 * the loss terms and the masked update. Keeping them in one place keeps the two trainers'
 * arithmetic identical (they are tested against each other).
 */
import * as tf from './tf';

/** Sigmoid + binary cross-entropy per element, in the stable form max(z,0) − z·y + log(1 + e^−|z|). */
export function bceTerms(z: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
}

/**
 * Applies the optimizer with pruned weights held at exactly 0: their gradients are masked
 * first (so Adam's moments stay 0) and the weights re-masked after. Call inside tf.tidy.
 */
export function maskedUpdate(optimizer: tf.Optimizer, grads: tf.NamedTensorMap, W1: tf.Variable, W2: tf.Variable, masks: { W1: tf.Tensor; W2: tf.Tensor } | null): void {
  if (masks) {
    grads[W1.name] = tf.mul(grads[W1.name], masks.W1);
    grads[W2.name] = tf.mul(grads[W2.name], masks.W2);
  }
  optimizer.applyGradients(grads);
  if (masks) {
    W1.assign(tf.mul(W1, masks.W1));
    W2.assign(tf.mul(W2, masks.W2));
  }
}
