import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchedTrainer, BatchedTrainerOptions, ModelSpec } from './batchedTrainer';
import { BatchedTfjsTrainer } from './batchedTfjsTrainer';
import { BatchedTypedArrayTrainer } from './batchedTypedArrayTrainer';
import { BatchedWasmTrainer } from './batchedWasmTrainer';
import { createBatchedTrainer } from './createBatchedTrainer';
import { createTrainer } from './createTrainer';
import { generateTask } from '../core/task';
import { applyMasks, cloneParams, initParams, maxAbsDiff } from '../core/params';
import { Prng } from '../core/prng';
import * as tf from './tf';
import type { Masks, TaskConfig, TrainConfig } from '../core/types';

const TASK: TaskConfig = { n: 24, K: 7, k: 3, p: 0.5, q: 0.25 };
const ADAM: TrainConfig = { m: 7, optimizer: 'adam', lr: 3e-3, adamEpsilon: 1e-7, batch: 33, steps: 3000 };
const SGD: TrainConfig = { ...ADAM, optimizer: 'sgd', lr: 0.5 };

/** Each weight kept with probability `keep`, from its own seeded stream. */
function randomMask(n: number, m: number, K: number, seed: number, keep = 0.5): Masks {
  const rng = new Prng(seed);
  return {
    W1: Uint8Array.from({ length: m * n }, () => (rng.nextFloat() < keep ? 1 : 0)),
    W2: Uint8Array.from({ length: K * m }, () => (rng.nextFloat() < keep ? 1 : 0)),
  };
}

/**
 * Four models on two data seeds, interleaved (seeds 3, 8, 3, 8), each with its own init; models 1
 * and 3 masked, 0 and 2 dense: a ticket-and-controls lab in miniature.
 */
function fourModels(train: TrainConfig, startStep = 0): BatchedTrainerOptions {
  const task = generateTask(TASK, 1);
  const shape = { n: TASK.n, m: train.m, K: TASK.K };
  const models: ModelSpec[] = [0, 1, 2, 3].map((i) => ({
    init: initParams(shape, 10 + i),
    masks: i % 2 ? randomMask(shape.n, shape.m, shape.K, 20 + i) : null,
    dataSeed: i % 2 ? 8 : 3,
  }));
  return { task, train, models, startStep };
}

/** Trains a batched trainer and a lone trainer per model on the same backend; the largest weight and loss differences. */
function againstSingles(backend: string, opts: BatchedTrainerOptions, steps: number) {
  const batched = createBatchedTrainer(backend, opts);
  batched.train(steps);
  let weights = 0;
  let loss = 0;
  opts.models.forEach((model, i) => {
    const single = createTrainer(backend, { task: opts.task, train: opts.train, startStep: opts.startStep, ...model });
    single.train(steps);
    weights = Math.max(weights, maxAbsDiff(batched.params(i), single.params()));
    loss = Math.max(loss, Math.abs(batched.lastLoss(i) - single.lastLoss()));
    single.dispose();
  });
  return { batched, weights, loss };
}

/** Every pruned weight is 0 (+0 on the fused steps; tfjs's mask multiply gives -0 for a negative weight), and some kept weight moved. */
function expectPrunedZero(trainer: BatchedTrainer, opts: BatchedTrainerOptions): void {
  opts.models.forEach((model, i) => {
    if (!model.masks) return;
    const p = trainer.params(i);
    const masks = model.masks;
    const zero = trainer.backend.startsWith('fused') ? (v: number) => Object.is(v, 0) : (v: number) => v === 0;
    expect(Array.from(p.W1).every((v, j) => masks.W1[j] !== 0 || zero(v))).toBe(true);
    expect(Array.from(p.W2).every((v, j) => masks.W2[j] !== 0 || zero(v))).toBe(true);
    expect(maxAbsDiff(p, model.init)).toBeGreaterThan(1e-3);
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe.each([
  { backend: 'fused-wasm', tolerance: 0 },
  { backend: 'fused-js', tolerance: 0 },
  { backend: 'cpu', tolerance: 1e-6 },
])('the $backend batched trainer', ({ backend, tolerance }) => {
  it('equals a lone trainer per model with Adam (4 models, 2 data seeds, masks on 2, m 7, K 7, batch 33)', () => {
    const { batched, weights, loss } = againstSingles(backend, fourModels(ADAM), 60);
    expect(weights).toBeLessThanOrEqual(tolerance);
    expect(loss).toBeLessThanOrEqual(tolerance);
    batched.dispose();
  });

  it('equals a lone trainer per model with SGD', () => {
    const { batched, weights, loss } = againstSingles(backend, fourModels(SGD), 60);
    expect(weights).toBeLessThanOrEqual(tolerance);
    expect(loss).toBeLessThanOrEqual(tolerance);
    batched.dispose();
  });

  it('equals a lone trainer per model from a later data step', () => {
    const { batched, weights } = againstSingles(backend, fourModels(ADAM, 500), 20);
    expect(batched.step).toBe(520);
    expect(weights).toBeLessThanOrEqual(tolerance);
    batched.dispose();
  });

  it('keeps every pruned weight at exactly 0', () => {
    const opts = fourModels(ADAM);
    const trainer = createBatchedTrainer(backend, opts);
    trainer.train(40);
    expectPrunedZero(trainer, opts);
    trainer.dispose();
  });

  it('is deterministic, whether steps come in one call or several', () => {
    const a = createBatchedTrainer(backend, fourModels(ADAM));
    const b = createBatchedTrainer(backend, fourModels(ADAM));
    a.train(30);
    b.train(11);
    b.train(19);
    expect(b.step).toBe(30);
    for (let i = 0; i < 4; i++) {
      expect(maxAbsDiff(a.params(i), b.params(i))).toBe(0);
      expect(a.lastLoss(i)).toBe(b.lastLoss(i));
    }
    a.dispose();
    b.dispose();
  });

  it('has no loss before the first step, returns fresh copies, and refuses a model it does not have', () => {
    const opts = fourModels(ADAM);
    const t = createBatchedTrainer(backend, opts);
    expect(t.size).toBe(4);
    expect(t.lastLoss(2)).toBeNaN();
    const { init, masks } = opts.models[3];
    const p = t.params(3);
    expect(maxAbsDiff(p, applyMasks(cloneParams(init), masks))).toBe(0);
    p.b1.fill(9);
    expect(t.params(3).b1).toEqual(init.b1);
    expect(() => t.params(4)).toThrow(/No model 4/);
    expect(() => t.lastLoss(-1)).toThrow(/No model -1/);
    t.dispose();
  });
});

describe('the batched trainers against each other', () => {
  it('fused-wasm and tfjs (cpu) agree to 1e-5 after 300 steps of 4 models', () => {
    const opts = fourModels(ADAM);
    const wasm = new BatchedWasmTrainer(opts);
    const tfjs = new BatchedTfjsTrainer(opts);
    wasm.train(300);
    tfjs.train(300);
    for (let i = 0; i < 4; i++) expect(maxAbsDiff(wasm.params(i), tfjs.params(i))).toBeLessThanOrEqual(1e-5);
    tfjs.dispose();
  });

  it('are what createBatchedTrainer makes for each backend name', () => {
    const opts = fourModels(ADAM);
    const made = ['fused-wasm', 'fused-js', 'cpu'].map((b) => createBatchedTrainer(b, opts));
    expect(made[0]).toBeInstanceOf(BatchedWasmTrainer);
    expect(made[1]).toBeInstanceOf(BatchedTypedArrayTrainer);
    expect(made[2]).toBeInstanceOf(BatchedTfjsTrainer);
    expect(made.map((t) => t.backend)).toEqual(['fused-wasm', 'fused-js', 'cpu']);
    made.forEach((t) => t.dispose());
  });

  it('refuse an empty batch and models of the wrong shape', () => {
    const opts = fourModels(ADAM);
    expect(() => createBatchedTrainer('fused-wasm', { ...opts, models: [] })).toThrow(/at least one model/);
    const bad = { ...opts.models[0], init: initParams({ n: 24, m: 8, K: 7 }, 1) };
    for (const b of ['fused-wasm', 'fused-js', 'cpu']) expect(() => createBatchedTrainer(b, { ...opts, models: [bad] })).toThrow(/shapes/);
  });
});

describe('the tfjs batched trainer and memory', () => {
  it('keeps tf.memory().numTensors flat over a long run and releases everything on dispose', () => {
    const before = tf.memory().numTensors;
    const t = new BatchedTfjsTrainer(fourModels(ADAM));
    t.train(3);
    t.lastLoss(0);
    t.params(1);
    const steady = tf.memory().numTensors;
    for (let r = 0; r < 20; r++) {
      t.train(10);
      t.lastLoss(r % 4);
      t.params(r % 4);
    }
    expect(tf.memory().numTensors).toBe(steady);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
