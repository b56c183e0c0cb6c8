/**
 * Test-only reference arithmetic for the probe tests, in plain float64 JS loops and no tfjs:
 * the SPEC 3 loss and its gradient by closed-form backprop, a Hessian-vector product by central
 * finite differences of that gradient, and SynFlow's closed form. The probes use tfjs autograd;
 * agreeing with this independent arithmetic is what the tests claim.
 */
import type { Batch, Masks, Params, Shape } from '../core/types';

/** Weights as float64 copies: W1 [m*n], W2 [K*m]. */
export interface Weights {
  W1: Float64Array;
  W2: Float64Array;
}

/** dL/dW1 [m*n] and dL/dW2 [K*m] of the mean sigmoid-BCE over batch × K, by backprop written out. */
export function handGradient(w: Weights, p: Params, batch: Batch, shape: Shape): Weights {
  const { n, m, K } = shape;
  const g: Weights = { W1: new Float64Array(m * n), W2: new Float64Array(K * m) };
  const scale = 1 / (batch.size * K);
  for (let b = 0; b < batch.size; b++) {
    const x = (i: number) => batch.x[b * n + i];
    const a = new Float64Array(m);
    const h = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      a[j] = p.b1[j];
      for (let i = 0; i < n; i++) a[j] += w.W1[j * n + i] * x(i);
      h[j] = Math.max(a[j], 0);
    }
    const dh = new Float64Array(m);
    for (let c = 0; c < K; c++) {
      let z = p.b2[c];
      for (let j = 0; j < m; j++) z += w.W2[c * m + j] * h[j];
      const dz = (1 / (1 + Math.exp(-z)) - batch.y[b * K + c]) * scale; // d(softplus(z) − zy)/dz
      for (let j = 0; j < m; j++) {
        g.W2[c * m + j] += dz * h[j];
        dh[j] += dz * w.W2[c * m + j];
      }
    }
    for (let j = 0; j < m; j++) {
      if (a[j] <= 0) continue;
      for (let i = 0; i < n; i++) g.W1[j * n + i] += dh[j] * x(i);
    }
  }
  return g;
}

/** H·v over W1, W2 by central differences (∇L(θ+εv) − ∇L(θ−εv)) / 2ε; biases held fixed. */
export function handHessianTimes(v: Weights, p: Params, batch: Batch, shape: Shape, eps = 1e-5): Weights {
  const shifted = (sign: number): Weights => ({
    W1: Float64Array.from(p.W1, (w, i) => w + sign * eps * v.W1[i]),
    W2: Float64Array.from(p.W2, (w, i) => w + sign * eps * v.W2[i]),
  });
  const plus = handGradient(shifted(1), p, batch, shape);
  const minus = handGradient(shifted(-1), p, batch, shape);
  return {
    W1: plus.W1.map((g, i) => (g - minus.W1[i]) / (2 * eps)),
    W2: plus.W2.map((g, i) => (g - minus.W2[i]) / (2 * eps)),
  };
}

/** θ0 as float64 weights. */
export function weightsOf(p: Params): Weights {
  return { W1: Float64Array.from(p.W1), W2: Float64Array.from(p.W2) };
}

/**
 * SynFlow scores in closed form over the masked |θ| (biases excluded):
 * W1[j,i]: |W1[j,i]| · Σ_c |W2[c,j]|;  W2[c,j]: |W2[c,j]| · Σ_i |W1[j,i]|.
 */
export function handSynflow(p: Params, shape: Shape, masks: Masks | null): Weights {
  const { n, m, K } = shape;
  const a1 = Float64Array.from(p.W1, (w, i) => (masks && !masks.W1[i] ? 0 : Math.abs(w)));
  const a2 = Float64Array.from(p.W2, (w, i) => (masks && !masks.W2[i] ? 0 : Math.abs(w)));
  const out: Weights = { W1: new Float64Array(m * n), W2: new Float64Array(K * m) };
  for (let j = 0; j < m; j++) {
    let into = 0;
    let outOf = 0;
    for (let i = 0; i < n; i++) into += a1[j * n + i];
    for (let c = 0; c < K; c++) outOf += a2[c * m + j];
    for (let i = 0; i < n; i++) out.W1[j * n + i] = a1[j * n + i] * outOf;
    for (let c = 0; c < K; c++) out.W2[c * m + j] = a2[c * m + j] * into;
  }
  return out;
}

/** The tiny hand-checked net: n = 3 inputs, m = 2 rows, K = 2 clauses. */
export const TINY: Shape = { n: 3, m: 2, K: 2 };

/**
 * Its weights, chosen so each row is active on some samples and inactive on others, with every
 * pre-activation at least 0.02 away from the ReLU kink (row 0: 0.87, −0.23, 0.02, 0.27;
 * row 1: −0.5, 0.55, 0.05, 0.15).
 */
export function tinyParams(): Params {
  return {
    W1: Float32Array.of(0.5, -0.6, 0.25, -0.4, 0.65, 0.1),
    b1: Float32Array.of(0.12, -0.2),
    W2: Float32Array.of(0.7, -0.5, 0.3, 0.8),
    b2: Float32Array.of(0.05, -0.1),
  };
}

/** Four samples: x [4*3], y [4*2]. */
export function tinyBatch(): Batch {
  return {
    size: 4,
    x: Float32Array.of(1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1),
    y: Float32Array.of(1, 0, 0, 1, 1, 1, 0, 0),
  };
}

/** A batch of `size` random 0/1 samples for shape checks: x [size*n], y [size*K]. */
export function randomBatch(shape: Shape, size: number, seed: number): Batch {
  let s = seed >>> 0 || 1;
  const bit = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) & 1;
  };
  return {
    size,
    x: Float32Array.from({ length: size * shape.n }, bit),
    y: Float32Array.from({ length: size * shape.K }, bit),
  };
}

/** Every entry of `actual` within `rel` of `expected`, relative: |a − e| ≤ rel·|e|. Returns the worst ratio. */
export function worstRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i];
    const d = Math.abs(actual[i] - e);
    worst = Math.max(worst, d === 0 ? 0 : d / Math.abs(e));
  }
  return worst;
}
