/**
 * The backward half, from dL/dz to the gradient block, in three loops that gradients.ts runs
 * over a chunk of samples:
 *   - hiddenGradient, per sample: dh = W2^T dL/dz where h > 0 (ReLU'(0) = 0);
 *   - outputAccumulate, per chunk: gb2 += dL/dz and gW2 += dL/dz h^T, sample after sample,
 *     with a tile of gW2 held in registers across the chunk's samples;
 *   - inputGradient, per sample: gW1T[i] += dh for each active input i, and gb1 += dh.
 * Each gradient element still receives its samples' terms one by one in sample order, with the
 * same f32 products, so the sums are exactly those of a sample-at-a-time loop.
 */
import { b1In, b2In, grads, K, Kp, mp, params, w2In } from './layout';

/** dh [mp] = (W2^T d) where h > 0, from d = dL/dz [Kp] and h [mp]; the sums run over clauses in order, four vectors at a time. */
@inline
export function hiddenGradient(d: usize, h: usize, dh: usize): void {
  const vectors = mp >> 2;
  const rowBytes = <usize>mp << 2;
  const W2 = w2In(params);
  const zero = f32x4.splat(0);
  let v = 0;
  for (; v + 4 <= vectors; v += 4) {
    const off = <usize>v << 4;
    let acc0 = zero;
    let acc1 = zero;
    let acc2 = zero;
    let acc3 = zero;
    for (let c = 0; c < K; c++) {
      const dc = v128.load32_splat(d + (<usize>c << 2));
      const w = W2 + <usize>c * rowBytes + off;
      acc0 = f32x4.add(acc0, f32x4.mul(dc, v128.load(w)));
      acc1 = f32x4.add(acc1, f32x4.mul(dc, v128.load(w, 16)));
      acc2 = f32x4.add(acc2, f32x4.mul(dc, v128.load(w, 32)));
      acc3 = f32x4.add(acc3, f32x4.mul(dc, v128.load(w, 48)));
    }
    v128.store(dh + off, v128.and(acc0, f32x4.gt(v128.load(h + off), zero)));
    v128.store(dh + off, v128.and(acc1, f32x4.gt(v128.load(h + off, 16), zero)), 16);
    v128.store(dh + off, v128.and(acc2, f32x4.gt(v128.load(h + off, 32), zero)), 32);
    v128.store(dh + off, v128.and(acc3, f32x4.gt(v128.load(h + off, 48), zero)), 48);
  }
  for (; v < vectors; v++) {
    const off = <usize>v << 4;
    let acc = zero;
    for (let c = 0; c < K; c++) acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(d + (<usize>c << 2)), v128.load(W2 + <usize>c * rowBytes + off)));
    v128.store(dh + off, v128.and(acc, f32x4.gt(v128.load(h + off), zero)));
  }
}

/**
 * gb2 += d_s and gW2 += d_s h_s^T for the `count` samples s of a chunk, in order: h_s at
 * hs + s * mp floats, d_s at ds + s * Kp floats. gW2 goes by tiles of two clauses by four
 * vectors, each loaded once, summed in registers over the chunk and stored once.
 */
export function outputAccumulate(count: i32, hs: usize, ds: usize): void {
  const vectors = mp >> 2;
  const rowBytes = <usize>mp << 2;
  const dBytes = <usize>Kp << 2;
  const gW2 = w2In(grads);
  const gb2 = b2In(grads);
  const hEnd = hs + <usize>count * rowBytes;
  for (let c = 0; c < Kp; c += 4) {
    const off = <usize>c << 2;
    let acc = v128.load(gb2 + off);
    for (let s = 0; s < count; s++) acc = f32x4.add(acc, v128.load(ds + <usize>s * dBytes + off));
    v128.store(gb2 + off, acc);
  }
  let c = 0;
  for (; c + 2 <= K; c += 2) {
    const g0 = gW2 + <usize>c * rowBytes;
    const g1 = g0 + rowBytes;
    let v = 0;
    for (; v + 4 <= vectors; v += 4) {
      const off = <usize>v << 4;
      let a0 = v128.load(g0 + off);
      let a1 = v128.load(g0 + off, 16);
      let a2 = v128.load(g0 + off, 32);
      let a3 = v128.load(g0 + off, 48);
      let b0 = v128.load(g1 + off);
      let b1 = v128.load(g1 + off, 16);
      let b2 = v128.load(g1 + off, 32);
      let b3 = v128.load(g1 + off, 48);
      let d = ds + (<usize>c << 2);
      for (let h = hs + off; h < hEnd; h += rowBytes) {
        const h0 = v128.load(h);
        const h1 = v128.load(h, 16);
        const h2 = v128.load(h, 32);
        const h3 = v128.load(h, 48);
        const dc = v128.load32_splat(d);
        a0 = f32x4.add(a0, f32x4.mul(dc, h0));
        a1 = f32x4.add(a1, f32x4.mul(dc, h1));
        a2 = f32x4.add(a2, f32x4.mul(dc, h2));
        a3 = f32x4.add(a3, f32x4.mul(dc, h3));
        const dn = v128.load32_splat(d, 4);
        b0 = f32x4.add(b0, f32x4.mul(dn, h0));
        b1 = f32x4.add(b1, f32x4.mul(dn, h1));
        b2 = f32x4.add(b2, f32x4.mul(dn, h2));
        b3 = f32x4.add(b3, f32x4.mul(dn, h3));
        d += dBytes;
      }
      v128.store(g0 + off, a0);
      v128.store(g0 + off, a1, 16);
      v128.store(g0 + off, a2, 32);
      v128.store(g0 + off, a3, 48);
      v128.store(g1 + off, b0);
      v128.store(g1 + off, b1, 16);
      v128.store(g1 + off, b2, 32);
      v128.store(g1 + off, b3, 48);
    }
    for (; v < vectors; v++) outputColumn(c, 2, v, count, hs, ds);
  }
  if (c < K) for (let v = 0; v < vectors; v++) outputColumn(c, 1, v, count, hs, ds);
}

/** gW2 rows c..c+rows-1 (1 or 2), vector v, summed over the chunk: the tiles' remainder. */
function outputColumn(c: i32, rows: i32, v: i32, count: i32, hs: usize, ds: usize): void {
  const rowBytes = <usize>mp << 2;
  const dBytes = <usize>Kp << 2;
  const off = <usize>v << 4;
  for (let r = 0; r < rows; r++) {
    const g = w2In(grads) + <usize>(c + r) * rowBytes + off;
    let acc = v128.load(g);
    for (let s = 0; s < count; s++) acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(ds + <usize>s * dBytes + (<usize>(c + r) << 2)), v128.load(hs + <usize>s * rowBytes + off)));
    v128.store(g, acc);
  }
}

/** gb1 += dh, then gW1T[i] += dh for each of the `count` active inputs i listed at `act`. */
@inline
export function inputGradient(count: i32, act: usize, dh: usize): void {
  const vectors = mp >> 2;
  const gW1T = grads;
  const gb1 = b1In(grads);
  let v = 0;
  for (; v + 4 <= vectors; v += 4) {
    const off = <usize>v << 4;
    const d0 = v128.load(dh + off);
    const d1 = v128.load(dh + off, 16);
    const d2 = v128.load(dh + off, 32);
    const d3 = v128.load(dh + off, 48);
    v128.store(gb1 + off, f32x4.add(v128.load(gb1 + off), d0));
    v128.store(gb1 + off, f32x4.add(v128.load(gb1 + off, 16), d1), 16);
    v128.store(gb1 + off, f32x4.add(v128.load(gb1 + off, 32), d2), 32);
    v128.store(gb1 + off, f32x4.add(v128.load(gb1 + off, 48), d3), 48);
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
    v128.store(gb1 + off, f32x4.add(v128.load(gb1 + off), dv));
    for (let a = 0; a < count; a++) {
      const row = gW1T + <usize>load<u32>(act + (<usize>a << 2)) + off;
      v128.store(row, f32x4.add(v128.load(row), dv));
    }
  }
}
