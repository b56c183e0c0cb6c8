/**
 * The forward half of one sample, and dL/dz: the hidden layer and the logits. Hidden rows are
 * f32x4 vectors; inputs are 0/1, so the first layer is a sum over the active rows of W1T (listed
 * by sample.ts), never a multiply. Sums run four vectors or four clauses at a time so the
 * adds form independent chains (one chain waits 3 cycles per add; four keep the unit busy).
 * The logits read a transposed copy of W2 (w2t), made once per model and batch, so that each
 * hidden unit's weights to four clauses are one vector load.
 */
import { b1In, b2In, gradScale, Kp, lastClauseLanes, mp, params, w2In, w2t } from './layout';
import { sigmoid } from './simdMath';

/** h = ReLU(b1 + sum over the `count` active inputs listed at `act` of W1T[i]) [mp]. */
@inline
export function hiddenForward(count: i32, act: usize, h: usize): void {
  const vectors = mp >> 2;
  const W1T = params;
  const b1 = b1In(params);
  const zero = f32x4.splat(0);
  let v = 0;
  for (; v + 4 <= vectors; v += 4) {
    const off = <usize>v << 4;
    let acc0 = v128.load(b1 + off);
    let acc1 = v128.load(b1 + off, 16);
    let acc2 = v128.load(b1 + off, 32);
    let acc3 = v128.load(b1 + off, 48);
    for (let a = 0; a < count; a++) {
      const row = W1T + <usize>load<u32>(act + (<usize>a << 2)) + off;
      acc0 = f32x4.add(acc0, v128.load(row));
      acc1 = f32x4.add(acc1, v128.load(row, 16));
      acc2 = f32x4.add(acc2, v128.load(row, 32));
      acc3 = f32x4.add(acc3, v128.load(row, 48));
    }
    v128.store(h + off, f32x4.pmax(zero, acc0));
    v128.store(h + off, f32x4.pmax(zero, acc1), 16);
    v128.store(h + off, f32x4.pmax(zero, acc2), 32);
    v128.store(h + off, f32x4.pmax(zero, acc3), 48);
  }
  for (; v < vectors; v++) {
    const off = <usize>v << 4;
    let acc = v128.load(b1 + off);
    for (let a = 0; a < count; a++) acc = f32x4.add(acc, v128.load(W1T + <usize>load<u32>(act + (<usize>a << 2)) + off));
    v128.store(h + off, f32x4.pmax(zero, acc));
  }
}

/**
 * z = W2 h + b2 [Kp] from h [mp], four clauses at a time, reading W2 transposed (w2t, [mp][Kp]).
 * Accumulator a_l sums hidden rows j = l, l + 4, l + 8, ... in order, and z = (a_0 + a_1) +
 * (a_2 + a_3) + b2: lane for lane the order of a dot product over f32x4 rows of W2 followed by
 * a pairwise horizontal sum.
 */
@inline
export function outputLogits(h: usize, z: usize): void {
  const vectors = mp >> 2;
  const colBytes = <usize>Kp << 2;
  const b2 = b2In(params);
  const zero = f32x4.splat(0);
  for (let c = 0; c < Kp; c += 4) {
    let w = w2t + (<usize>c << 2);
    let a0 = zero;
    let a1 = zero;
    let a2 = zero;
    let a3 = zero;
    for (let hv = h, end = h + (<usize>vectors << 4); hv < end; hv += 16) {
      a0 = f32x4.add(a0, f32x4.mul(v128.load(w), v128.load32_splat(hv)));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(w + colBytes), v128.load32_splat(hv, 4)));
      a2 = f32x4.add(a2, f32x4.mul(v128.load(w + 2 * colBytes), v128.load32_splat(hv, 8)));
      a3 = f32x4.add(a3, f32x4.mul(v128.load(w + 3 * colBytes), v128.load32_splat(hv, 12)));
      w += 4 * colBytes;
    }
    const cOff = <usize>c << 2;
    v128.store(z + cOff, f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), v128.load(b2 + cOff)));
  }
}

/** Copies the selected model's W2 [Kp][mp] into w2t [mp][Kp]. */
export function transposeW2(): void {
  const W2 = w2In(params);
  for (let c = 0; c < Kp; c++) {
    for (let j = 0; j < mp; j++) store<f32>(w2t + (<usize>(j * Kp + c) << 2), load<f32>(W2 + (<usize>(c * mp + j) << 2)));
  }
}

/**
 * Turns the logits at `d` [Kp] into dL/dz = (sigmoid(z) - y) * (1 / (B K)) in place, y the
 * labels at `y` [Kp]; pad clauses (K..Kp) get 0.
 */
@inline
export function outputGradient(d: usize, y: usize): void {
  const scale = v128.load32_splat(gradScale);
  const lastGroup = Kp - 4;
  for (let c = 0; c < Kp; c += 4) {
    const cOff = <usize>c << 2;
    let dz = f32x4.mul(f32x4.sub(sigmoid(v128.load(d + cOff)), v128.load(y + cOff)), scale);
    if (c == lastGroup) dz = v128.and(dz, v128.load(lastClauseLanes));
    v128.store(d + cOff, dz);
  }
}
