/**
 * The forward half of one sample, and dL/dz: the active-input list, the hidden layer and the
 * logits. Hidden rows are f32x4 vectors; inputs are 0/1, so the first layer is a sum over the
 * active rows of W1T, never a multiply. Sums run four vectors or four clauses at a time so the
 * adds form independent chains (one chain waits 3 cycles per add; four keep the unit busy).
 */
import { active, b1In, b2In, dOut, hidden, K, Kp, labels, mp, params, w2In } from './layout';
import { xHi, xLo } from './sample';
import { sigmoid, sum4 } from './simdMath';

/** Lists the current sample's active inputs at `active`, as byte offsets (i * mp * 4) of their rows; returns how many. */
@inline
export function listActiveRows(): i32 {
  const rowBytes = <usize>mp << 2;
  const act = active;
  let count = 0;
  let word = xLo;
  while (word != 0) {
    store<u32>(act + (<usize>(count++) << 2), <u32>(<usize>ctz<u64>(word) * rowBytes));
    word &= word - 1;
  }
  word = xHi;
  while (word != 0) {
    store<u32>(act + (<usize>(count++) << 2), <u32>(<usize>(ctz<u64>(word) + 64) * rowBytes));
    word &= word - 1;
  }
  return count;
}

/** hidden = ReLU(b1 + sum over the `count` active inputs of W1T[i]) [mp]. */
@inline
export function hiddenForward(count: i32): void {
  const vectors = mp >> 2;
  const W1T = params;
  const b1 = b1In(params);
  const h = hidden;
  const act = active;
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

/** z = W2 hidden + b2 [Kp], four clauses at a time, written to dOut. */
@inline
export function outputLogits(): void {
  const vectors = mp >> 2;
  const rowBytes = <usize>mp << 2;
  const W2 = w2In(params);
  const b2 = b2In(params);
  const h = hidden;
  const z = dOut;
  const zero = f32x4.splat(0);
  for (let c = 0; c < Kp; c += 4) {
    const row = W2 + <usize>c * rowBytes;
    let a0 = zero;
    let a1 = zero;
    let a2 = zero;
    let a3 = zero;
    for (let v = 0; v < vectors; v++) {
      const off = <usize>v << 4;
      const hv = v128.load(h + off);
      a0 = f32x4.add(a0, f32x4.mul(v128.load(row + off), hv));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(row + rowBytes + off), hv));
      a2 = f32x4.add(a2, f32x4.mul(v128.load(row + 2 * rowBytes + off), hv));
      a3 = f32x4.add(a3, f32x4.mul(v128.load(row + 3 * rowBytes + off), hv));
    }
    const cOff = <usize>c << 2;
    v128.store(z + cOff, f32x4.add(sum4(a0, a1, a2, a3), v128.load(b2 + cOff)));
  }
}

/**
 * Turns the logits at dOut into dL/dz = (sigmoid(z) - y) * scale in place, scale = 1 / (B K)
 * splatted; pad clauses (K..Kp) get 0.
 */
@inline
export function outputGradient(scale: v128): void {
  const d = dOut;
  const y = labels;
  const lastGroup = Kp - 4;
  const realLanes = i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(K - lastGroup));
  for (let c = 0; c < Kp; c += 4) {
    const cOff = <usize>c << 2;
    let dz = f32x4.mul(f32x4.sub(sigmoid(v128.load(d + cOff)), v128.load(y + cOff)), scale);
    if (c == lastGroup) dz = v128.and(dz, realLanes);
    v128.store(d + cOff, dz);
  }
}
