import { describe, expect, it } from 'vitest';
import { cloneParams, initParams, maxAbsDiff } from '../core/params';
import type { Masks, Params, Shape } from '../core/types';
import { keptBudget, maskedCount, prunableCount } from './budget';
import { impSchedule } from './imp';
import { layerShares, magnitudeMask, type PruneScope } from './prune';

const defaults: Shape = { n: 24, m: 16, K: 12 };
const oddShapes: Shape[] = [defaults, { n: 7, m: 5, K: 3 }, { n: 13, m: 3, K: 11 }, { n: 1, m: 1, K: 1 }, { n: 5, m: 9, K: 2 }];
const scopes: PruneScope[] = ['global', 'layerwise'];

/** Kept and pruned magnitudes of one layer or of both, for "largest kept" checks. */
function keptAndPruned(values: Float32Array[], masks: Uint8Array[]): { kept: number[]; pruned: number[] } {
  const kept: number[] = [];
  const pruned: number[] = [];
  values.forEach((v, l) => v.forEach((w, i) => (masks[l][i] ? kept : pruned).push(Math.abs(w))));
  return { kept, pruned };
}

function expectKeepsLargest(params: Params, masks: Masks, scope: PruneScope, current: Masks | null = null): void {
  const alive = (l: 'W1' | 'W2', i: number) => !current || current[l][i] === 1;
  const groups = scope === 'global' ? [['W1', 'W2'] as const] : [['W1'] as const, ['W2'] as const];
  for (const layers of groups) {
    const { kept, pruned } = keptAndPruned(
      layers.map((l) => params[l].filter((_, i) => alive(l, i))),
      layers.map((l) => masks[l].filter((_, i) => alive(l, i))),
    );
    if (kept.length > 0 && pruned.length > 0) expect(Math.min(...kept)).toBeGreaterThanOrEqual(Math.max(...pruned));
  }
}

describe('magnitudeMask', () => {
  it('keeps exactly the budget, for global and layer-wise pruning and for odd sizes', () => {
    for (const shape of oddShapes) {
      const params = initParams(shape, 5);
      for (const s of [0, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99]) {
        for (const scope of scopes) {
          const kept = keptBudget(s, shape);
          expect(maskedCount(magnitudeMask(params, null, kept, scope)), `${JSON.stringify(shape)} s=${s} ${scope}`).toBe(kept);
        }
      }
    }
  });

  it('keeps the largest |w| over W1 ∪ W2 (global) or within each layer (layer-wise)', () => {
    const params = initParams(defaults, 11);
    for (const scope of scopes) {
      for (const kept of [288, 173, 58, 7]) expectKeepsLargest(params, magnitudeMask(params, null, kept, scope), scope);
    }
  });

  it('gives each layer round(kept · layerSize / total) in layer-wise mode', () => {
    const params = initParams(defaults, 11);
    for (const kept of [288, 173, 115, 58, 29]) {
      const masks = magnitudeMask(params, null, kept, 'layerwise');
      const w1 = maskedCount({ W1: masks.W1, W2: new Uint8Array(0) });
      expect(w1).toBe(Math.round((kept * 384) / 576));
      expect(maskedCount(masks) - w1).toBe(kept - Math.round((kept * 384) / 576));
    }
  });

  it('fixes the layer-wise rounding so two half shares still sum to the budget', () => {
    // |W1| = |W2| = 2, kept 1 and 3: each share is x.5; W1 takes the half, W2 the rest.
    expect(layerShares(1, [2, 2], [2, 2])).toEqual([1, 0]);
    expect(layerShares(3, [2, 2], [2, 2])).toEqual([2, 1]);
    const params: Params = { W1: Float32Array.of(0.1, 0.2), b1: Float32Array.of(0), W2: Float32Array.of(0.3, 0.4), b2: Float32Array.of(0, 0) };
    expect(maskedCount(magnitudeMask(params, null, 3, 'layerwise'))).toBe(3);
  });

  it('breaks ties by lower flat index, W1 before W2', () => {
    const shape = { n: 3, m: 2, K: 2 };
    const params = initParams(shape, 1);
    for (let i = 0; i < params.W1.length; i++) params.W1[i] = i % 2 ? 0.5 : -0.5;
    params.W2.fill(0.5);
    const global = magnitudeMask(params, null, 7, 'global');
    expect(Array.from(global.W1)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(global.W2)).toEqual([1, 0, 0, 0]);
    // Layer-wise shares of 5: W1 round(5·6/10) = 3, W2 2; first indices of each layer.
    const layerwise = magnitudeMask(params, null, 5, 'layerwise');
    expect(Array.from(layerwise.W1)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(Array.from(layerwise.W2)).toEqual([1, 1, 0, 0]);
  });

  it('never brings back a weight that is already pruned, however large', () => {
    const params = initParams(defaults, 3);
    const current = magnitudeMask(params, null, 300, 'global');
    // Make every pruned weight the largest in the net: it must still stay pruned.
    for (let i = 0; i < params.W1.length; i++) if (!current.W1[i]) params.W1[i] = 10;
    for (let i = 0; i < params.W2.length; i++) if (!current.W2[i]) params.W2[i] = -10;
    for (const scope of scopes) {
      const next = magnitudeMask(params, current, 240, scope);
      expect(maskedCount(next)).toBe(240);
      next.W1.forEach((v, i) => expect(v <= current.W1[i]).toBe(true));
      next.W2.forEach((v, i) => expect(v <= current.W2[i]).toBe(true));
      expectKeepsLargest(params, next, scope, current);
    }
  });

  it('keeps the exact count layer-wise even after a global round left a layer short of its share', () => {
    const params = initParams(defaults, 3);
    for (let i = 0; i < params.W2.length; i++) params.W2[i] = i < 4 ? 1 : 1e-4; // all but 4 tiny
    const current = magnitudeMask(params, null, 200, 'global'); // W2 keeps only 4
    const next = magnitudeMask(params, current, 150, 'layerwise'); // W2's share would be 50
    expect(maskedCount(next)).toBe(150);
    expect(maskedCount({ W1: new Uint8Array(0), W2: next.W2 })).toBe(4);
  });

  it('throws when asked to keep more than the current mask keeps', () => {
    const params = initParams(defaults, 3);
    const current = magnitudeMask(params, null, 100, 'global');
    expect(() => magnitudeMask(params, current, 101, 'global')).toThrow(RangeError);
    expect(() => magnitudeMask(params, null, 577, 'layerwise')).toThrow(RangeError);
  });

  it('never touches params, biases included, and ignores the biases when ranking', () => {
    const params = initParams(defaults, 4);
    const before = cloneParams(params);
    const a = magnitudeMask(params, null, 173, 'global');
    expect(maxAbsDiff(params, before)).toBe(0);
    params.b1.fill(100);
    params.b2.fill(-100);
    const b = magnitudeMask(params, null, 173, 'global');
    expect(b).toEqual(a);
    expect(Object.keys(b).sort()).toEqual(['W1', 'W2']);
  });

  it('walks the IMP schedule as nested masks of exactly the scheduled sizes', () => {
    const params = initParams(defaults, 8);
    for (const scope of scopes) {
      let current: Masks | null = null;
      for (const kept of impSchedule(prunableCount(defaults), [288, 173, 115, 58])) {
        const next = magnitudeMask(params, current, kept, scope);
        expect(maskedCount(next)).toBe(kept);
        if (current) next.W1.forEach((v, i) => expect(v <= current!.W1[i]).toBe(true));
        current = next;
      }
    }
  });
});
