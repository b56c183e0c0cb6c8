/**
 * Magnitude pruning (SPEC 5): keep the largest |w| of W1 ∪ W2, globally (one ranking over both
 * layers, the default) or layer-wise (each layer keeps its share of the budget). Used for
 * one-shot pruning and for every IMP round, so it must keep exactly the budget, break ties the
 * same way every time, and never let an already-pruned weight back in.
 */
import type { Masks, Params } from '../core/types';
import { assertKept } from './budget';

export type PruneScope = 'global' | 'layerwise';

/**
 * Keeps exactly `kept` weights: the largest |w| among those `current` keeps (null = all).
 * global: one ranking over W1 ∪ W2; layerwise: each layer keeps its share (see layerShares).
 * Ties are broken by lower flat index, W1 [m*n] before W2 [K*m]; a NaN weight ranks lowest.
 * Pruned-already weights never come back. Biases are not looked at. Throws if `kept` exceeds
 * the weights `current` keeps. Returns fresh masks: W1 [m*n], W2 [K*m] of 0/1.
 */
export function magnitudeMask(params: Params, current: Masks | null, kept: number, scope: PruneScope): Masks {
  const n1 = params.W1.length;
  const n2 = params.W2.length;
  if (current && (current.W1.length !== n1 || current.W2.length !== n2)) {
    throw new RangeError('magnitudeMask: masks and params have different shapes');
  }
  const alive1 = aliveIndices(current ? current.W1 : null, n1);
  const alive2 = aliveIndices(current ? current.W2 : null, n2);
  assertKept(kept, alive1.length + alive2.length, 'magnitudeMask (pruned weights never come back)');

  const out: Masks = { W1: new Uint8Array(n1), W2: new Uint8Array(n2) };
  if (scope === 'global') {
    // One ranking over flat indices: W1 i -> i, W2 i -> n1 + i.
    const flat = [...alive1, ...alive2.map((i) => n1 + i)];
    const mag = (f: number) => magnitude(f < n1 ? params.W1[f] : params.W2[f - n1]);
    for (const f of topByMagnitude(flat, mag, kept)) {
      if (f < n1) out.W1[f] = 1;
      else out.W2[f - n1] = 1;
    }
  } else {
    const [k1, k2] = layerShares(kept, [n1, n2], [alive1.length, alive2.length]);
    for (const i of topByMagnitude(alive1, (i) => magnitude(params.W1[i]), k1)) out.W1[i] = 1;
    for (const i of topByMagnitude(alive2, (i) => magnitude(params.W2[i]), k2)) out.W2[i] = 1;
  }
  return out;
}

/**
 * Layer-wise shares of `kept` over two layers of `sizes` [|W1|, |W2|]: W1 keeps
 * round(kept·|W1|/total) (exact integer arithmetic, half up) and W2 the rest, so the shares sum
 * to exactly `kept`. A share larger than what the layer still keeps (`available`, after an
 * earlier global round) is capped there and the excess moves to the other layer.
 */
export function layerShares(kept: number, sizes: [number, number], available: [number, number]): [number, number] {
  const total = sizes[0] + sizes[1];
  let k1 = total === 0 ? 0 : Math.floor((2 * kept * sizes[0] + total) / (2 * total));
  let k2 = kept - k1;
  if (k1 > available[0]) {
    k2 += k1 - available[0];
    k1 = available[0];
  }
  if (k2 > available[1]) {
    k1 += k2 - available[1];
    k2 = available[1];
  }
  return [k1, k2];
}

/** Indices kept by `mask` (all of 0..len-1 when null), ascending. */
function aliveIndices(mask: Uint8Array | null, len: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < len; i++) if (!mask || mask[i]) out.push(i);
  return out;
}

function magnitude(w: number): number {
  return Number.isNaN(w) ? -1 : Math.abs(w);
}

/** The `count` indices of largest magnitude, ties to the lower index. */
function topByMagnitude(indices: number[], mag: (i: number) => number, count: number): number[] {
  const mags = indices.map(mag);
  // Infinity − Infinity is NaN, which is falsy, so equal infinities also fall to the index.
  const order = indices.map((_, p) => p).sort((p, q) => mags[q] - mags[p] || indices[p] - indices[q]);
  return order.slice(0, count).map((p) => indices[p]);
}
