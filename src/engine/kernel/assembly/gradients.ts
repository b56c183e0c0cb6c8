/**
 * Forward and backward for one batch into the gradient block, a chunk of samples at a time
 * (layout.ts sizes a chunk to stay in L1):
 *
 *   per sample:  active inputs -> h = ReLU(W1 x + b1) -> z = W2 h + b2 -> [loss]
 *                -> d = dL/dz = (sigmoid(z) - y) / (B K) -> dh = W2^T d where h > 0
 *   per chunk:   gb2 += d, gW2 += d h^T (backward.ts's outputAccumulate)
 *   per sample:  gb1 += dh, gW1T[i] += dh for each active input i
 *
 * Samples' terms reach each gradient element in sample order, so the sums equal those of a
 * sample-at-a-time loop exactly; the chunk only lets a tile of gW2 stay in registers across
 * samples instead of being loaded and stored for each one. The batch is read from a lane batch
 * that sample.ts drew (active rows, labels), so models that share a data seed share one
 * drawing of it.
 *
 * Everything is f32 (tfjs's precision; each op rounds as tfjs's do, though sums run in a
 * different order). The loss, computed only when asked, is summed in f64.
 */
import { hiddenGradient, inputGradient, outputAccumulate } from './backward';
import { hiddenForward, outputGradient, outputLogits, transposeW2 } from './forward';
import { B, chunk, grads, hiddenGrads, hiddens, K, Kp, laneActive, laneCounts, laneLabels, mp, n, outGrads, P } from './layout';

/** Fills the selected model's gradient from lane `lane`'s batch; the mean loss when `withLoss`, else NaN. */
export function batchGradients(lane: i32, withLoss: bool): f64 {
  const BB = B;
  const counts = laneCounts(lane);
  const actStride = <usize>n << 2;
  const hStride = <usize>mp << 2;
  const yStride = <usize>Kp << 2;
  let lossSum: f64 = 0;
  memory.fill(grads, 0, <usize>P << 2);
  transposeW2();
  for (let s0 = 0; s0 < BB; s0 += chunk) {
    const size = min(chunk, BB - s0);
    let act = laneActive(lane) + <usize>s0 * actStride;
    let y = laneLabels(lane) + <usize>s0 * yStride;
    for (let j = 0; j < size; j++) {
      const h = hiddens + <usize>j * hStride;
      const d = outGrads + <usize>j * yStride;
      hiddenForward(<i32>load<u32>(counts + (<usize>(s0 + j) << 2)), act, h);
      outputLogits(h, d);
      if (withLoss) lossSum += lossTerms(d, y);
      outputGradient(d, y);
      hiddenGradient(d, h, hiddenGrads + <usize>j * hStride);
      act += actStride;
      y += yStride;
    }
    outputAccumulate(size, hiddens, outGrads);
    act = laneActive(lane) + <usize>s0 * actStride;
    for (let j = 0; j < size; j++) {
      inputGradient(<i32>load<u32>(counts + (<usize>(s0 + j) << 2)), act, hiddenGrads + <usize>j * hStride);
      act += actStride;
    }
  }
  return withLoss ? lossSum / (<f64>BB * <f64>K) : NaN;
}

/** The sample's summed loss over clauses, from the logits at `z` and labels at `y`: max(z, 0) - z y + log1p(exp(-|z|)), in f64. */
function lossTerms(z: usize, y: usize): f64 {
  let sum: f64 = 0;
  for (let c = 0; c < K; c++) {
    const zc = <f64>load<f32>(z + (<usize>c << 2));
    const t = <f64>load<f32>(y + (<usize>c << 2));
    sum += (zc > 0 ? zc : 0) - zc * t + Math.log1p(Math.exp(-Math.abs(zc)));
  }
  return sum;
}
