import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from './createTrainer';
import { maxAbsDiff } from '../core/params';
import * as tf from './tf';
import { TfjsTrainer } from './tfjsTrainer';
import type { Trainer, TrainerOptions } from './trainer';
import { randomHalfMask, trainerOptions as options } from './trainerFixtures';
import { TypedArrayTrainer } from './typedArrayTrainer';
import { WasmTrainer } from './wasmTrainer';

/** Trains a WasmTrainer and each reference `steps` steps from the same options; returns the max weight differences. */
function agreement(opts: TrainerOptions, steps: number, references: ((o: TrainerOptions) => Trainer)[]) {
  const wasm = new WasmTrainer(opts);
  wasm.train(steps);
  const diffs = references.map((make) => {
    const ref = make(opts);
    ref.train(steps);
    const d = { weights: maxAbsDiff(wasm.params(), ref.params()), loss: Math.abs(wasm.lastLoss() - ref.lastLoss()) };
    ref.dispose();
    return d;
  });
  return { wasm, diffs };
}

const typedArray = (o: TrainerOptions): Trainer => new TypedArrayTrainer(o);
const tfjs = (o: TrainerOptions): Trainer => new TfjsTrainer(o);

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('the fused wasm step matches the typed-array step and tfjs (cpu backend)', () => {
  it('with Adam on the default config: max weight difference <= 1e-5 after 300 steps', () => {
    const opts = options();
    const { wasm, diffs } = agreement(opts, 300, [typedArray, tfjs]);
    for (const d of diffs) {
      expect(d.weights).toBeLessThanOrEqual(1e-5);
      expect(d.loss).toBeLessThan(1e-5);
    }
    expect(maxAbsDiff(wasm.params(), opts.init)).toBeGreaterThan(0.05);
  });

  it('with SGD: max weight difference <= 1e-5 after 300 steps', () => {
    const { diffs } = agreement(options({ optimizer: 'sgd', lr: 0.5 }), 300, [typedArray, tfjs]);
    for (const d of diffs) expect(d.weights).toBeLessThanOrEqual(1e-5);
  });

  it('with a random 50% mask: pruned weights are exactly +0 after 300 steps, and the three agree', () => {
    const masks = randomHalfMask(24, 16, 12, 11);
    const { wasm, diffs } = agreement(options({}, masks), 300, [typedArray, tfjs]);
    const p = wasm.params();
    p.W1.forEach((v, i) => masks.W1[i] === 0 && expect(Object.is(v, 0)).toBe(true));
    p.W2.forEach((v, i) => masks.W2[i] === 0 && expect(Object.is(v, 0)).toBe(true));
    expect(p.W1.some((v, i) => masks.W1[i] === 1 && v !== 0)).toBe(true);
    const [toTypedArray, toTfjs] = diffs;
    expect(toTypedArray.weights).toBeLessThanOrEqual(1e-5);
    // Float32 rounding differences, carried on by Adam, reach ~1e-5 by step 300 on this mask
    // between the typed-array step and tfjs too (1.3e-5); the fused steps share that distance.
    expect(toTfjs.weights).toBeLessThanOrEqual(2e-5);
  });

  it('with odd sizes (m 7, K 7, batch 33): max weight difference <= 1e-5 after 300 steps', () => {
    const { diffs } = agreement(options({ m: 7, batch: 33 }, null, { K: 7 }), 300, [typedArray, tfjs]);
    for (const d of diffs) expect(d.weights).toBeLessThanOrEqual(1e-5);
  });

  it('with more than 64 inputs and 4 + 1 hidden vectors (n 100, m 18, K 10, k 5): max weight difference <= 1e-5 after 100 steps', () => {
    const { diffs } = agreement(options({ m: 18, batch: 64 }, null, { n: 100, K: 10, k: 5, p: 0.3 }), 100, [typedArray, tfjs]);
    for (const d of diffs) expect(d.weights).toBeLessThanOrEqual(1e-5);
  });

  it('starts at a later data step like the typed-array step does', () => {
    const opts = { ...options(), startStep: 1000 };
    const { wasm, diffs } = agreement(opts, 50, [typedArray]);
    expect(wasm.step).toBe(1050);
    expect(diffs[0].weights).toBeLessThanOrEqual(1e-6);
  });
});

describe('the fused wasm step on its own', () => {
  it('gives identical weights for the same options', () => {
    const a = new WasmTrainer(options());
    const b = new WasmTrainer(options());
    for (let i = 0; i < 3; i++) {
      a.train(40);
      b.train(40);
      expect(maxAbsDiff(a.params(), b.params())).toBe(0);
    }
    expect(a.lastLoss()).toBe(b.lastLoss());
  });

  it('trains the same whether steps come in one call or several', () => {
    const a = new WasmTrainer(options());
    const b = new WasmTrainer(options());
    a.train(50);
    b.train(17);
    b.train(33);
    expect(b.step).toBe(50);
    expect(maxAbsDiff(a.params(), b.params())).toBe(0);
    expect(b.lastLoss()).toBe(a.lastLoss());
  });

  it('has no loss before the first step, and train(0) changes nothing', () => {
    const t = new WasmTrainer(options());
    expect(t.lastLoss()).toBeNaN();
    t.train(0);
    expect(t.step).toBe(0);
    expect(maxAbsDiff(t.params(), options().init)).toBe(0);
  });

  it('returns parameters as fresh row-major copies', () => {
    const opts = options({ m: 7 }, null, { K: 5 });
    const t = new WasmTrainer(opts);
    const p = t.params();
    expect(maxAbsDiff(p, opts.init)).toBe(0);
    p.W1.fill(9);
    p.b2.fill(9);
    expect(maxAbsDiff(t.params(), opts.init)).toBe(0);
  });

  it('is what createTrainer makes for fused-wasm, and refuses use after dispose', () => {
    const t = createTrainer('fused-wasm', options());
    expect(t).toBeInstanceOf(WasmTrainer);
    expect(t.backend).toBe('fused-wasm');
    t.dispose();
    expect(() => t.train(1)).toThrow(/dispose/);
  });

  it('fits the largest settings (n 128, m 128, K 64, batch 4096)', () => {
    const t = new WasmTrainer(options({ m: 128, batch: 4096 }, null, { n: 128, K: 64, k: 8 }));
    t.train(1);
    const p = t.params();
    expect(p.W1.length).toBe(128 * 128);
    expect(Number.isFinite(t.lastLoss())).toBe(true);
    expect(p.W1.every(Number.isFinite) && p.W2.every(Number.isFinite)).toBe(true);
  });
});
