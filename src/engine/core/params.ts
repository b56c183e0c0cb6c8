/**
 * Parameter initialization and copies (SPEC 3).
 *
 * Init: every weight and bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)) from the init seed, drawn
 * in the order W1 (row-major), b1, W2 (row-major), b2. Biases are not zero on purpose.
 */
import { mixSeed, Prng } from './prng';
import type { Masks, Params, Shape } from './types';

export function initParams(shape: Shape, initSeed: number): Params {
  const { n, m, K } = shape;
  const rng = new Prng(mixSeed(initSeed, 0x1417));
  const fill = (len: number, fanIn: number): Float32Array => {
    const a = new Float32Array(len);
    const bound = 1 / Math.sqrt(fanIn);
    for (let i = 0; i < len; i++) a[i] = rng.uniform(-bound, bound);
    return a;
  };
  const W1 = fill(m * n, n);
  const b1 = fill(m, n);
  const W2 = fill(K * m, m);
  const b2 = fill(K, m);
  return { W1, b1, W2, b2 };
}

export function cloneParams(p: Params): Params {
  return { W1: p.W1.slice(), b1: p.b1.slice(), W2: p.W2.slice(), b2: p.b2.slice() };
}

/** Zeroes the pruned weights in place and returns the same object. */
export function applyMasks(p: Params, masks: Masks | null): Params {
  if (!masks) return p;
  for (let i = 0; i < p.W1.length; i++) if (!masks.W1[i]) p.W1[i] = 0;
  for (let i = 0; i < p.W2.length; i++) if (!masks.W2[i]) p.W2[i] = 0;
  return p;
}

export function fullMasks(shape: Shape): Masks {
  return { W1: new Uint8Array(shape.m * shape.n).fill(1), W2: new Uint8Array(shape.K * shape.m).fill(1) };
}

export function shapeOf(p: Params, n: number): Shape {
  const m = p.b1.length;
  return { n, m, K: p.b2.length };
}

/** Largest absolute difference between two parameter sets (for backend agreement checks). */
export function maxAbsDiff(a: Params, b: Params): number {
  let d = 0;
  for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
    const x = a[key];
    const y = b[key];
    if (x.length !== y.length) return Infinity;
    for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
  }
  return d;
}

// ---- The packed layout [W1 (m*n) | b1 (m) | W2 (K*m) | b2 (K)]: one Float32Array a snapshot. ----

/** Splits a packed snapshot into views (no copy). */
export function unpackParams(data: Float32Array, n: number, m: number, K: number) {
  let o = 0;
  const take = (len: number) => data.subarray(o, (o += len));
  return { W1: take(m * n), b1: take(m), W2: take(K * m), b2: take(K) };
}

/** Numbers in one packed parameter set. */
export function packedLength(n: number, m: number, K: number): number {
  return m * n + m + K * m + K;
}

/** Writes `p` packed [W1 | b1 | W2 | b2] into `out` at `offset` (a fresh array by default). */
export function packParams(p: Params, out = new Float32Array(p.W1.length + p.b1.length + p.W2.length + p.b2.length), offset = 0): Float32Array {
  let o = offset;
  for (const a of [p.W1, p.b1, p.W2, p.b2]) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}
