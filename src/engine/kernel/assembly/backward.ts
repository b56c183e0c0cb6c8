/**
 * The backward half of one sample, added into the gradient block: from dL/dz (at dOut) to
 * gb2, gW2, dh (ReLU'(0) = 0), gb1 and gW1T. Loops take four hidden vectors at a time so the
 * dh sums form independent chains and dh stays in registers while it is scattered.
 */
import { active, b1In, b2In, dHidden, dOut, grads, hidden, K, Kp, mp, params, w2In } from './layout';

/** gb2 += dL/dz; dh = W2^T dL/dz where h > 0; gW2 += dL/dz h^T; gb1 += dh. */
@inline
export function hiddenBackward(): void {
  const vectors = mp >> 2;
  const rowBytes = <usize>mp << 2;
  const W2 = w2In(params);
  const gW2 = w2In(grads);
  const gb2 = b2In(grads);
  const h = hidden;
  const d = dOut;
  const zero = f32x4.splat(0);
  for (let c = 0; c < Kp; c += 4) {
    const off = <usize>c << 2;
    v128.store(gb2 + off, f32x4.add(v128.load(gb2 + off), v128.load(d + off)));
  }
  let v = 0;
  for (; v + 4 <= vectors; v += 4) {
    const off = <usize>v << 4;
    const h0 = v128.load(h + off);
    const h1 = v128.load(h + off, 16);
    const h2 = v128.load(h + off, 32);
    const h3 = v128.load(h + off, 48);
    let acc0 = zero;
    let acc1 = zero;
    let acc2 = zero;
    let acc3 = zero;
    for (let c = 0; c < K; c++) {
      const dc = v128.load32_splat(d + (<usize>c << 2));
      const w = W2 + <usize>c * rowBytes + off;
      const g = gW2 + <usize>c * rowBytes + off;
      acc0 = f32x4.add(acc0, f32x4.mul(dc, v128.load(w)));
      acc1 = f32x4.add(acc1, f32x4.mul(dc, v128.load(w, 16)));
      acc2 = f32x4.add(acc2, f32x4.mul(dc, v128.load(w, 32)));
      acc3 = f32x4.add(acc3, f32x4.mul(dc, v128.load(w, 48)));
      v128.store(g, f32x4.add(v128.load(g), f32x4.mul(dc, h0)));
      v128.store(g, f32x4.add(v128.load(g, 16), f32x4.mul(dc, h1)), 16);
      v128.store(g, f32x4.add(v128.load(g, 32), f32x4.mul(dc, h2)), 32);
      v128.store(g, f32x4.add(v128.load(g, 48), f32x4.mul(dc, h3)), 48);
    }
    storeHiddenGradient(off, acc0, h0);
    storeHiddenGradient(off + 16, acc1, h1);
    storeHiddenGradient(off + 32, acc2, h2);
    storeHiddenGradient(off + 48, acc3, h3);
  }
  for (; v < vectors; v++) {
    const off = <usize>v << 4;
    const hv = v128.load(h + off);
    let acc = zero;
    for (let c = 0; c < K; c++) {
      const dc = v128.load32_splat(d + (<usize>c << 2));
      const at = <usize>c * rowBytes + off;
      acc = f32x4.add(acc, f32x4.mul(dc, v128.load(W2 + at)));
      v128.store(gW2 + at, f32x4.add(v128.load(gW2 + at), f32x4.mul(dc, hv)));
    }
    storeHiddenGradient(off, acc, hv);
  }
}

/** dh at byte offset `off` = `back` where h > 0 (ReLU'(0) = 0), stored, and added into gb1. */
@inline
function storeHiddenGradient(off: usize, back: v128, h: v128): void {
  const masked = v128.and(back, f32x4.gt(h, f32x4.splat(0)));
  const gb1 = b1In(grads) + off;
  v128.store(dHidden + off, masked);
  v128.store(gb1, f32x4.add(v128.load(gb1), masked));
}

/** gW1T[i] += dh for each of the `count` active inputs i. */
@inline
export function inputGradient(count: i32): void {
  const vectors = mp >> 2;
  const gW1T = grads;
  const dh = dHidden;
  const act = active;
  let v = 0;
  for (; v + 4 <= vectors; v += 4) {
    const off = <usize>v << 4;
    const d0 = v128.load(dh + off);
    const d1 = v128.load(dh + off, 16);
    const d2 = v128.load(dh + off, 32);
    const d3 = v128.load(dh + off, 48);
    for (let a = 0; a < count; a++) {
      const row = gW1T + <usize>load<u32>(act + (<usize>a << 2)) + off;
      v128.store(row, f32x4.add(v128.load(row), d0));
      v128.store(row, f32x4.add(v128.load(row, 16), d1), 16);
      v128.store(row, f32x4.add(v128.load(row, 32), d2), 32);
      v128.store(row, f32x4.add(v128.load(row, 48), d3), 48);
    }
  }
  for (; v < vectors; v++) {
    const off = <usize>v << 4;
    const dv = v128.load(dh + off);
    for (let a = 0; a < count; a++) {
      const row = gW1T + <usize>load<u32>(act + (<usize>a << 2)) + off;
      v128.store(row, f32x4.add(v128.load(row), dv));
    }
  }
}
