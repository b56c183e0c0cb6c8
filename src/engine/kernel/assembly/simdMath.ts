/**
 * The sigmoid of four logits at once, for the output layer: no scalar exp call per clause, and
 * short dependency chains, since each sample's backward pass waits on it.
 */

// The sigmoid's constants as f32 in memory: a splat of a constant in a loop becomes three
// instructions per use in V8's code, a broadcast load from memory one.
const SIGMOID_CONSTANTS = memory.data<f32>([
  88.3762626647949, -87.33654, 1.44269504, 12583039.0, 0.693359375, -2.12194440e-4,
  5.0000001201e-1, 1.6666665459e-1, 4.1665795894e-2, 8.3334519073e-3, 1.3981999507e-3, 1.9875691500e-4, 1.0,
], 16);

@inline
function constant(index: i32): v128 {
  return v128.load32_splat(SIGMOID_CONSTANTS + (<usize>index << 2));
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
  const x = f32x4.pmin(constant(0), f32x4.pmax(constant(1), f32x4.neg(z)));
  const one = constant(12);
  return f32x4.div(one, f32x4.add(one, exp(x)));
}

/**
 * exp(x), four lanes at once, for x in [-87.3, 88.3] (the caller clamps), within a few float32
 * ulp: the sigmoid's, and test-set scoring's (evaluate.ts).
 */
@inline
export function exp(x: v128): v128 {
  // shifted = x log2(e) + 1.5 * 2^23 + 127: its low mantissa bits are round(x log2 e) + 127.
  const shifted = f32x4.add(f32x4.mul(x, constant(2)), constant(3));
  const k = f32x4.sub(shifted, constant(3));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(k, constant(4))), f32x4.mul(k, constant(5)));
  const r2 = f32x4.mul(r, r);
  const r4 = f32x4.mul(r2, r2);
  // exp(r) = 1 + r + r^2 (c0 + c1 r + c2 r^2 + c3 r^3 + c4 r^4 + c5 r^5)
  const p01 = f32x4.add(constant(6), f32x4.mul(r, constant(7)));
  const p23 = f32x4.add(constant(8), f32x4.mul(r, constant(9)));
  const p45 = f32x4.add(constant(10), f32x4.mul(r, constant(11)));
  const poly = f32x4.add(f32x4.add(p01, f32x4.mul(r2, p23)), f32x4.mul(r4, p45));
  const expR = f32x4.add(f32x4.add(f32x4.mul(r2, poly), r), constant(12));
  return f32x4.mul(expR, i32x4.shl(shifted, 23));
}
