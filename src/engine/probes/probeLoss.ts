/**
 * The training loss of SPEC 3 as a function of weight tensors, for the gradient-based probes
 * (SNIP, GraSP). It is the same arithmetic as the trainers' (bceTerms from tfStep), so a probe
 * scores the loss that training actually descends. Helpers here make tensors; call inside tf.tidy.
 */
import * as tf from '../trainers/tf';
import { bceTerms } from '../trainers/tfStep';
import type { Batch, Params, Shape } from '../core/types';

/** Tensors of one probe evaluation: weights W1 [m,n], b1 [m], W2 [K,m], b2 [K]; x [B,n]; y [B,K]. */
export interface ProbeTensors {
  W1: tf.Tensor2D;
  b1: tf.Tensor1D;
  W2: tf.Tensor2D;
  b2: tf.Tensor1D;
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

/** Copies params and batch into tensors. Call inside tf.tidy. */
export function probeTensors(init: Params, batch: Batch, shape: Shape): ProbeTensors {
  const { n, m, K } = shape;
  if (init.W1.length !== m * n || init.W2.length !== K * m || batch.x.length !== batch.size * n || batch.y.length !== batch.size * K) {
    throw new RangeError(`probe: params or batch do not fit n=${n}, m=${m}, K=${K}`);
  }
  return {
    W1: tf.tensor2d(init.W1, [m, n]),
    b1: tf.tensor1d(init.b1),
    W2: tf.tensor2d(init.W2, [K, m]),
    b2: tf.tensor1d(init.b2),
    x: tf.tensor2d(batch.x, [batch.size, n]),
    y: tf.tensor2d(batch.y, [batch.size, K]),
  };
}

/** Mean sigmoid-BCE over batch × K of h = ReLU(x W1ᵀ + b1), z = h W2ᵀ + b2. Scalar. */
export function meanLoss(W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const h = tf.relu(tf.add(tf.matMul(x, W1, false, true), b1));
  const z = tf.add(tf.matMul(h, W2, false, true), b2);
  return tf.mean(bceTerms(z, y)) as tf.Scalar;
}

/**
 * The same loss written as softplus(z) − z·y, which equals bceTerms mathematically, for a
 * gradient of a gradient (GraSP). tfjs cannot differentiate twice through ops whose gradient
 * reuses their saved OUTPUT (exp, sigmoid): the saved copy is not linked to x on the tape, so the
 * second derivative silently loses that term. Softplus saves its INPUT and its gradient
 * recomputes sigmoid(x), so the second derivative is complete. Scalar.
 */
export function meanLossTwice(W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const h = tf.relu(tf.add(tf.matMul(x, W1, false, true), b1));
  const z = tf.add(tf.matMul(h, W2, false, true), b2);
  return tf.mean(tf.sub(tf.softplus(z), tf.mul(z, y))) as tf.Scalar;
}

/**
 * Runs `fn` in tf.tidy and reads its two score tensors ([m,n] and [K,m]) into fresh
 * Float64Arrays (scores are ranked in doubles), disposing them: no tensor outlives the call.
 */
export function readScores(fn: () => [tf.Tensor, tf.Tensor]): { W1: Float64Array; W2: Float64Array } {
  const [s1, s2] = tf.tidy(fn);
  try {
    return { W1: Float64Array.from(s1.dataSync()), W2: Float64Array.from(s2.dataSync()) };
  } finally {
    s1.dispose();
    s2.dispose();
  }
}
