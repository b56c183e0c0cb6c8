/**
 * Scoring one network on a fixed test set (SPEC 3), in the kernel's module: what WasmEvaluator
 * (../wasmEvaluator.ts) runs for every snapshot and every lab result. An instance either trains
 * (layout.ts) or scores (this file), never both: both lay out memory from __heap_base.
 *
 * The forward pass is float64, like core/metrics.ts's Evaluator, so a prediction (logit > 0)
 * only differs from it where a logit is within float64 rounding of 0. Inputs are 0/1, so the
 * hidden layer is a sum of W1 columns; the inputs go in groups of 8 bits, and for each group a
 * table holds the sum of the columns of every one of the 256 bit patterns (built per network
 * from W1, group 0's rows starting at b1). A sample's hidden pre-activation is then one table
 * row per group, whatever the number of active inputs:
 *
 *   h = T_0[x_0..7] + T_1[x_8..15] + T_2[x_16..23] + ...      (each row [mp] f64)
 *
 * The logits z = W2 ReLU(h) + b2 skip hidden units at 0, and sum the others in order (a skipped
 * unit adds exactly 0). The loss max(z,0) - z y + log1p(exp(-|z|)) is float64 except its last
 * term, float32 (four clauses at once: ~1e-8 absolute of a term of at most log 2), summed in
 * float64. True positives, true negatives and exact matches are counted exactly.
 */
import { exp } from './simdMath';

/** Inputs, inputs groups of 8, hidden rows (rounded up to 4), clauses, clauses rounded up to 4, samples. */
let n = 0;
let G = 0;
let m = 0;
let mp = 0;
let K = 0;
let Kp = 0;
let size = 0;

let tables: usize = 0; // [G][256][mp] f64
let w2t: usize = 0; // [mp][Kp] f64
let b2v: usize = 0; // [Kp] f64
let hid: usize = 0; // [mp] f64 scratch
let logits: usize = 0; // [Kp] f64 scratch
let truePos: usize = 0; // [Kp] i64, then f64 after evaluate
let trueNeg: usize = 0; // [Kp] i64, then f64
let padMask: usize = 0; // [Kp] u32: all ones for a real clause
let inW1: usize = 0; // [m][n] f32, written by JS
let inB1: usize = 0; // [m] f32
let inW2: usize = 0; // [K][m] f32
let inB2: usize = 0; // [K] f32
let codes: usize = 0; // [size][G] u8: the test inputs' bit groups, written by JS
let labels: usize = 0; // [size][Kp] i64: all ones where y = 1, written by JS

// float32 constants: exp's lower clamp, then log1p's series in s^2, s = e / (2 + e):
// log1p(e) = 2 s (1 + s^2/3 + s^4/5 + ... + s^14/15), within 2e-9 relative for e in [0, 1].
const CONSTANTS = memory.data<f32>([-87.33654, 2.0, 0.33333333, 0.2, 0.14285714, 0.11111111, 0.09090909, 0.07692308, 0.06666667, 1.0], 16);

@inline
function constant(index: i32): v128 {
  return v128.load32_splat(CONSTANTS + (<usize>index << 2));
}

@inline
function align16(at: usize): usize {
  return (at + 15) & ~(<usize>15);
}

/** Sizes the scorer for n inputs, m hidden rows, K clauses and `size` test samples; false if memory cannot grow. */
export function setupEval(n_: i32, m_: i32, K_: i32, size_: i32): bool {
  n = n_;
  G = (n_ + 7) >> 3;
  m = m_;
  mp = (m_ + 3) & ~3;
  K = K_;
  Kp = (K_ + 3) & ~3;
  size = size_;
  let at = align16(__heap_base);
  tables = at;
  at += <usize>(G * 256 * mp) << 3;
  w2t = at;
  at += <usize>(mp * Kp) << 3;
  b2v = at;
  at += <usize>Kp << 3;
  hid = at;
  at += <usize>mp << 3;
  logits = at;
  at += <usize>Kp << 3;
  truePos = at;
  at += <usize>Kp << 3;
  trueNeg = at;
  at += <usize>Kp << 3;
  padMask = at;
  at += <usize>Kp << 2;
  inW1 = at;
  at = align16(at + (<usize>(m * n) << 2));
  inB1 = at;
  at = align16(at + (<usize>m << 2));
  inW2 = at;
  at = align16(at + (<usize>(K * m) << 2));
  inB2 = at;
  at = align16(at + (<usize>K << 2));
  codes = at;
  at = align16(at + <usize>size * <usize>G);
  labels = at;
  if (<u64>at + ((<u64>size * <u64>Kp) << 3) > 0xffff0000) return false;
  at += (<usize>size * <usize>Kp) << 3;
  const pages = <i32>((at + 0xffff) >>> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) return false;
  memory.fill(tables, 0, at - tables);
  for (let c = 0; c < K; c++) store<u32>(padMask + (<usize>c << 2), 0xffffffff);
  return true;
}

export function evalW1Ptr(): usize {
  return inW1;
}
export function evalB1Ptr(): usize {
  return inB1;
}
export function evalW2Ptr(): usize {
  return inW2;
}
export function evalB2Ptr(): usize {
  return inB2;
}
export function evalCodesPtr(): usize {
  return codes;
}
export function evalLabelsPtr(): usize {
  return labels;
}
/** After evaluate: true positives [K] then true negatives [K], f64, at truePos and trueNeg. */
export function evalTruePosPtr(): usize {
  return truePos;
}
export function evalTrueNegPtr(): usize {
  return trueNeg;
}

/** Builds the bit-pattern tables, W2 transposed and b2 (f64) from the network JS wrote. */
function prepare(): void {
  const rowBytes = <usize>mp << 3;
  for (let g = 0; g < G; g++) {
    const table = tables + <usize>(g * 256) * rowBytes;
    const first = g << 3;
    const bits = min(8, n - first);
    for (let j = 0; j < m; j++) store<f64>(table + (<usize>j << 3), g == 0 ? <f64>load<f32>(inB1 + (<usize>j << 2)) : 0);
    for (let b = 1; b < 1 << bits; b++) {
      const low = ctz(b);
      const from = table + <usize>(b & (b - 1)) * rowBytes;
      const to = table + <usize>b * rowBytes;
      for (let j = 0; j < m; j++) {
        const w = <f64>load<f32>(inW1 + (<usize>(j * n + first + low) << 2));
        store<f64>(to + (<usize>j << 3), load<f64>(from + (<usize>j << 3)) + w);
      }
    }
  }
  for (let j = 0; j < m; j++) {
    for (let c = 0; c < K; c++) store<f64>(w2t + (<usize>(j * Kp + c) << 3), <f64>load<f32>(inW2 + (<usize>(c * m + j) << 2)));
  }
  for (let c = 0; c < K; c++) store<f64>(b2v + (<usize>c << 3), <f64>load<f32>(inB2 + (<usize>c << 2)));
}

/** log1p(exp(-|z|)) of four float32 logits. */
@inline
function softplusOfMinusAbs(z: v128): v128 {
  const e = exp(f32x4.pmax(constant(0), f32x4.neg(f32x4.abs(z))));
  const s = f32x4.div(e, f32x4.add(constant(1), e));
  const t = f32x4.mul(s, s);
  let series = constant(8);
  series = f32x4.add(constant(7), f32x4.mul(t, series));
  series = f32x4.add(constant(6), f32x4.mul(t, series));
  series = f32x4.add(constant(5), f32x4.mul(t, series));
  series = f32x4.add(constant(4), f32x4.mul(t, series));
  series = f32x4.add(constant(3), f32x4.mul(t, series));
  series = f32x4.add(constant(2), f32x4.mul(t, series));
  series = f32x4.add(constant(9), f32x4.mul(t, series));
  return f32x4.mul(f32x4.add(s, s), series);
}

let exactCount: i32 = 0;
/** Samples with every clause right, as of the last evaluate. */
export function evalExact(): i32 {
  return exactCount;
}

/**
 * Scores the network JS wrote at the input pointers on the test set: returns the summed loss
 * over samples and clauses, leaves true positives and true negatives per clause at
 * evalTruePosPtr/evalTrueNegPtr (f64), and the exact matches for evalExact().
 */
export function evaluate(): f64 {
  prepare();
  const rowBytes = <usize>mp << 3;
  const zero = f64x2.splat(0);
  memory.fill(truePos, 0, <usize>Kp << 4);
  let lossLo = zero;
  let lossHi = zero;
  let exact = 0;
  for (let s = 0; s < size; s++) {
    // Hidden layer: one table row per input group, then ReLU.
    const code = codes + <usize>s * <usize>G;
    for (let v: usize = 0; v < rowBytes; v += 16) {
      let acc = v128.load(tables + <usize>load<u8>(code) * rowBytes + v);
      for (let g = 1; g < G; g++) acc = f64x2.add(acc, v128.load(tables + <usize>(g * 256 + load<u8>(code + g)) * rowBytes + v));
      v128.store(hid + v, f64x2.max(zero, acc));
    }
    // Logits: b2 plus every active hidden unit's column, in order; four clauses at a time
    // (two f64x2 accumulators held in registers across the hidden units).
    const colBytes = <usize>Kp << 3;
    for (let c: usize = 0; c < colBytes; c += 32) {
      let a0 = v128.load(b2v + c);
      let a1 = v128.load(b2v + c, 16);
      for (let j = 0; j < m; j++) {
        const hj = load<f64>(hid + (<usize>j << 3));
        if (hj == 0) continue;
        const hv = f64x2.splat(hj);
        const col = w2t + <usize>j * colBytes + c;
        a0 = f64x2.add(a0, f64x2.mul(v128.load(col), hv));
        a1 = f64x2.add(a1, f64x2.mul(v128.load(col, 16), hv));
      }
      v128.store(logits + c, a0);
      v128.store(logits + c, a1, 16);
    }
    // Loss, confusion counts and exact match, two clauses (f64) or four (f32) at a time.
    const y = labels + ((<usize>s * <usize>Kp) << 3);
    let allRight = i64x2.splat(-1);
    for (let c = 0; c < Kp; c += 4) {
      const at = <usize>c << 3;
      const z0 = v128.load(logits + at);
      const z1 = v128.load(logits + at, 16);
      const y0 = v128.load(y + at);
      const y1 = v128.load(y + at, 16);
      const zf = v128.shuffle<u32>(f32x4.demote_f64x2_zero(z0), f32x4.demote_f64x2_zero(z1), 0, 1, 4, 5);
      const sp = v128.and(softplusOfMinusAbs(zf), v128.load(padMask + (<usize>c << 2)));
      // max(z, 0) - z y: z where z > 0 and y = 0, -z where z <= 0 and y = 1, else 0; pad lanes have z = 0.
      const p0 = f64x2.gt(z0, zero);
      const p1 = f64x2.gt(z1, zero);
      // (z - z) is 0, or NaN for a NaN logit, so a diverged network's loss is NaN as in metrics.ts.
      const lin0 = f64x2.add(f64x2.sub(v128.and(z0, p0), v128.and(z0, y0)), f64x2.sub(z0, z0));
      const lin1 = f64x2.add(f64x2.sub(v128.and(z1, p1), v128.and(z1, y1)), f64x2.sub(z1, z1));
      lossLo = f64x2.add(lossLo, f64x2.add(lin0, f64x2.promote_low_f32x4(sp)));
      lossHi = f64x2.add(lossHi, f64x2.add(lin1, f64x2.promote_low_f32x4(v128.shuffle<u32>(sp, sp, 2, 3, 0, 1))));
      const tp = truePos + at;
      const tn = trueNeg + at;
      v128.store(tp, i64x2.sub(v128.load(tp), v128.and(p0, y0)));
      v128.store(tp, i64x2.sub(v128.load(tp, 16), v128.and(p1, y1)), 16);
      v128.store(tn, i64x2.sub(v128.load(tn), v128.andnot(v128.not(p0), y0)));
      v128.store(tn, i64x2.sub(v128.load(tn, 16), v128.andnot(v128.not(p1), y1)), 16);
      allRight = v128.and(allRight, v128.and(v128.not(v128.xor(p0, y0)), v128.not(v128.xor(p1, y1))));
    }
    if (i64x2.all_true(allRight)) exact++;
  }
  exactCount = exact;
  for (let c = 0; c < Kp; c++) {
    store<f64>(truePos + (<usize>c << 3), <f64>load<i64>(truePos + (<usize>c << 3)));
    store<f64>(trueNeg + (<usize>c << 3), <f64>load<i64>(trueNeg + (<usize>c << 3)));
  }
  const total = f64x2.add(lossLo, lossHi);
  return f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1);
}
