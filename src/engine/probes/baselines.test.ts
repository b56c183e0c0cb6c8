import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { keptBudget, maskedCount } from '../lottery/budget';
import { randomMask } from '../lottery/randomMask';
import { initParams } from '../core/params';
import * as tf from '../trainers/tf';
import type { Masks, Params, Shape } from '../core/types';
import { magnitudeInitProbe, oneShotProbe, randomProbe } from './baselines';
import { graspProbe } from './grasp';
import { randomBatch } from './handReference';
import { snipProbe } from './snip';
import { synflowProbe } from './synflow';

const defaults: Shape = { n: 24, m: 16, K: 12 };
const shapes: Shape[] = [defaults, { n: 7, m: 5, K: 3 }, { n: 13, m: 3, K: 11 }, { n: 1, m: 1, K: 1 }, { n: 3, m: 2, K: 2 }];
const sparsities = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every baseline as (init, final, shape, kept) -> mask. */
const probes: Record<string, (init: Params, final: Params, shape: Shape, kept: number) => Masks> = {
  random: (_i, _f, shape, kept) => randomProbe(shape, kept, 3),
  magnitudeInit: (init, _f, _s, kept) => magnitudeInitProbe(init, kept),
  oneShot: (_i, final, _s, kept) => oneShotProbe(final, kept),
  snip: (init, _f, shape, kept) => snipProbe(init, randomBatch(shape, 16, 5), shape, kept),
  grasp: (init, _f, shape, kept) => graspProbe(init, randomBatch(shape, 16, 5), shape, kept),
  synflow: (init, _f, shape, kept) => synflowProbe(init, shape, kept, 20),
};

/** Largest kept |w| never below the largest pruned |w| over W1 ∪ W2. */
function keepsLargest(params: Params, masks: Masks): boolean {
  const kept: number[] = [];
  const pruned: number[] = [];
  params.W1.forEach((w, i) => (masks.W1[i] ? kept : pruned).push(Math.abs(w)));
  params.W2.forEach((w, i) => (masks.W2[i] ? kept : pruned).push(Math.abs(w)));
  return kept.length === 0 || pruned.length === 0 || Math.min(...kept) >= Math.max(...pruned);
}

describe('the weight-based baselines', () => {
  it('each keeps exactly the budget at every sparsity, odd sizes included, and leaves no tensor behind', () => {
    for (const shape of shapes) {
      const init = initParams(shape, 1);
      const final = initParams(shape, 2);
      for (const s of sparsities) {
        const kept = keptBudget(s, shape);
        for (const [name, probe] of Object.entries(probes)) {
          const before = tf.memory().numTensors;
          const masks = probe(init, final, shape, kept);
          expect(tf.memory().numTensors, `${name} leaked`).toBe(before);
          expect(masks.W1).toHaveLength(shape.m * shape.n);
          expect(masks.W2).toHaveLength(shape.K * shape.m);
          expect(maskedCount(masks), `${name} ${JSON.stringify(shape)} s=${s}`).toBe(kept);
        }
      }
    }
  });

  it('magnitude at init keeps the largest |θ0| and one-shot the largest |θ_T|, globally', () => {
    const init = initParams(defaults, 4);
    const final = initParams(defaults, 9);
    for (const kept of [288, 173, 58, 29]) {
      expect(keepsLargest(init, magnitudeInitProbe(init, kept))).toBe(true);
      expect(keepsLargest(final, oneShotProbe(final, kept))).toBe(true);
      expect(keepsLargest(final, magnitudeInitProbe(init, kept))).toBe(false);
    }
  });

  it('magnitude ranking ignores the biases and breaks ties by lower flat index, W1 first', () => {
    const params: Params = { W1: Float32Array.of(0.5, -0.5, 0.2), b1: Float32Array.of(9), W2: Float32Array.of(-0.5, 0.1), b2: Float32Array.of(-9) };
    expect(magnitudeInitProbe(params, 2)).toEqual({ W1: Uint8Array.of(1, 1, 0), W2: Uint8Array.of(0, 0) });
    expect(oneShotProbe(params, 3)).toEqual({ W1: Uint8Array.of(1, 1, 0), W2: Uint8Array.of(1, 0) });
  });

  it('random is a pure function of the seed, differs across seeds, and is the lottery random mask', () => {
    expect(randomProbe(defaults, 58, 7)).toEqual(randomProbe(defaults, 58, 7));
    expect(randomProbe(defaults, 58, 7)).not.toEqual(randomProbe(defaults, 58, 8));
    expect(randomProbe(defaults, 115, 7)).toEqual(randomMask(defaults, 115, 7));
  });
});
