/**
 * Forward and backward for one batch, one sample at a time, into the gradient block: the
 * sample's activations never leave a few cache lines, and the batch is drawn as it is used.
 *
 *   draw sample -> active inputs -> h = ReLU(W1 x + b1) -> z = W2 h + b2 -> [loss]
 *     -> dL/dz = (sigmoid(z) - y) / (B K) -> gb2, gW2, dh -> gb1, gW1T
 *
 * Everything is f32 (tfjs's precision; each op rounds as tfjs's do, though sums run in a
 * different order). The loss, computed only when asked, is summed in f64.
 */
import { hiddenBackward, inputGradient } from './backward';
import { hiddenForward, listActiveRows, outputGradient, outputLogits } from './forward';
import { B, dOut, grads, K, labels, P } from './layout';
import { drawSample, seedBatch } from './sample';

/** Fills the gradient block for training batch `step`; returns its mean loss when `withLoss`, else NaN. */
export function accumulateGradients(step: u32, withLoss: bool): f64 {
  const BB = B;
  const scale = f32x4.splat(<f32>(1.0 / (<f64>BB * <f64>K)));
  let lossSum: f64 = 0;
  memory.fill(grads, 0, <usize>P << 2);
  seedBatch(step);
  for (let s = 0; s < BB; s++) {
    drawSample();
    const count = listActiveRows();
    hiddenForward(count);
    outputLogits();
    if (withLoss) lossSum += lossTerms();
    outputGradient(scale);
    hiddenBackward();
    inputGradient(count);
  }
  return withLoss ? lossSum / (<f64>BB * <f64>K) : NaN;
}

/** The sample's summed loss over clauses, from the logits at dOut: max(z, 0) - z y + log1p(exp(-|z|)), in f64. */
function lossTerms(): f64 {
  let sum: f64 = 0;
  for (let c = 0; c < K; c++) {
    const z = <f64>load<f32>(dOut + (<usize>c << 2));
    const y = <f64>load<f32>(labels + (<usize>c << 2));
    sum += (z > 0 ? z : 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return sum;
}
