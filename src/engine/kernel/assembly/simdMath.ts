/**
 * f32x4 helpers for the output layer: a horizontal sum that turns four clauses' partial dot
 * products into one vector of logits, and the sigmoid of four logits at once (no scalar exp
 * call per clause, and short dependency chains, since each sample's backward pass waits on it).
 */

/** [sum(a), sum(b), sum(c), sum(d)]. */
@inline
export function sum4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(f32x4.shuffle(a, b, 0, 4, 2, 6), f32x4.shuffle(a, b, 1, 5, 3, 7));
  const cd = f32x4.add(f32x4.shuffle(c, d, 0, 4, 2, 6), f32x4.shuffle(c, d, 1, 5, 3, 7));
  return f32x4.add(f32x4.shuffle(ab, cd, 0, 1, 4, 5), f32x4.shuffle(ab, cd, 2, 3, 6, 7));
}

/**
 * sigmoid(z) = 1 / (1 + exp(-z)), four lanes at once, within a few float32 ulp. exp(x) as in
 * Cephes expf: x = k ln2 + r with |r| <= ln2/2, exp(r) by a degree-7 polynomial evaluated in
 * Estrin form (short dependency chains), 2^k written into the exponent bits by the
 * round-to-nearest shifter trick. x is clamped to [-87.3, 88.3], where 2^k stays a normal float;
 * beyond that the sigmoid is 0 or 1 to within 1e-38.
 */
@inline
export function sigmoid(z: v128): v128 {
  const x = f32x4.pmin(f32x4.splat(88.3762626647949), f32x4.pmax(f32x4.splat(-87.33654), f32x4.neg(z)));
  // shifted = x log2(e) + 1.5 * 2^23 + 127: its low mantissa bits are round(x log2 e) + 127.
  const shifted = f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504)), f32x4.splat(12583039.0));
  const k = f32x4.sub(shifted, f32x4.splat(12583039.0));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(k, f32x4.splat(0.693359375))), f32x4.mul(k, f32x4.splat(-2.12194440e-4)));
  const r2 = f32x4.mul(r, r);
  const r4 = f32x4.mul(r2, r2);
  // exp(r) = 1 + r + r^2 (c0 + c1 r + c2 r^2 + c3 r^3 + c4 r^4 + c5 r^5)
  const p01 = f32x4.add(f32x4.splat(5.0000001201e-1), f32x4.mul(r, f32x4.splat(1.6666665459e-1)));
  const p23 = f32x4.add(f32x4.splat(4.1665795894e-2), f32x4.mul(r, f32x4.splat(8.3334519073e-3)));
  const p45 = f32x4.add(f32x4.splat(1.3981999507e-3), f32x4.mul(r, f32x4.splat(1.9875691500e-4)));
  const poly = f32x4.add(f32x4.add(p01, f32x4.mul(r2, p23)), f32x4.mul(r4, p45));
  const expR = f32x4.add(f32x4.add(f32x4.mul(r2, poly), r), f32x4.splat(1));
  const e = f32x4.mul(expR, i32x4.shl(shifted, 23));
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, e));
}
