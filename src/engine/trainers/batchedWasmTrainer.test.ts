import { describe, expect, it } from 'vitest';
import type { BatchedTrainerOptions, ModelSpec } from './batchedTrainer';
import { BatchedWasmTrainer } from './batchedWasmTrainer';
import { instantiateFusedStep } from '../kernel/fusedStepModule';
import { writeClauses } from '../kernel/kernelModels';
import { initParams, maxAbsDiff } from '../core/params';
import { Prng } from '../core/prng';
import { generateTask, trainingBatch } from '../core/task';
import type { Masks, TaskConfig, TrainConfig } from '../core/types';
import { WasmTrainer } from './wasmTrainer';

const TASK: TaskConfig = { n: 24, K: 12, k: 3, p: 0.5, q: 0.25 };
const TRAIN: TrainConfig = { m: 16, optimizer: 'adam', lr: 3e-3, adamEpsilon: 1e-7, batch: 64, steps: 3000 };

function mask(n: number, m: number, K: number, seed: number): Masks {
  const rng = new Prng(seed);
  return { W1: Uint8Array.from({ length: m * n }, () => (rng.nextFloat() < 0.3 ? 1 : 0)), W2: Uint8Array.from({ length: K * m }, () => (rng.nextFloat() < 0.6 ? 1 : 0)) };
}

/** Models i = 0..count-1 with data seed seeds[i], init seed 100 + i, and a mask on every third. */
function options(seeds: number[], task: TaskConfig = TASK, train: TrainConfig = TRAIN): BatchedTrainerOptions {
  const shape = { n: task.n, m: train.m, K: task.K };
  const models: ModelSpec[] = seeds.map((dataSeed, i) => ({
    init: initParams(shape, 100 + i),
    masks: i % 3 === 2 ? mask(shape.n, shape.m, shape.K, i) : null,
    dataSeed,
  }));
  return { task: generateTask(task, 7), train, models, startStep: 0 };
}

/** Whether model i of `batched` is bit for bit a lone WasmTrainer with model i's options, trained in the same calls. */
function expectLikeLoneTrainers(opts: BatchedTrainerOptions, calls: number[]): void {
  const batched = new BatchedWasmTrainer(opts);
  const singles = opts.models.map((model) => new WasmTrainer({ task: opts.task, train: opts.train, startStep: opts.startStep, ...model }));
  for (const count of calls) {
    batched.train(count);
    singles.forEach((s) => s.train(count));
  }
  singles.forEach((single, i) => {
    const a = batched.params(i);
    const b = single.params();
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expect(a[key].every((v, j) => Object.is(v, b[key][j]))).toBe(true);
    expect(batched.lastLoss(i)).toBe(single.lastLoss());
  });
}

describe('the batched fused-wasm kernel', () => {
  it('draws four batches at once, each lane bit for bit what trainingBatch draws', () => {
    const cases: [TaskConfig, number, number][] = [
      [TASK, 256, 3],
      [{ n: 7, K: 5, k: 7, p: 0.1, q: 0.9 }, 33, 123456],
      [{ n: 40, K: 9, k: 4, p: 0.3, q: 0.6 }, 20, 5],
      [{ n: 128, K: 64, k: 1, p: 1, q: 1 }, 17, 2 ** 31 - 1],
      [{ n: 100, K: 10, k: 8, p: 0, q: 0.5 }, 9, 77],
      [{ n: 64, K: 3, k: 2, p: 0.01, q: 0 }, 50, 0],
    ];
    for (const [config, size, dataSeed] of cases) {
      const task = generateTask(config, 5);
      const { n, K, k } = config;
      const kernel = instantiateFusedStep();
      expect(kernel.setup(n, 4, K, k, size)).toBeTruthy();
      writeClauses(kernel, task);
      kernel.setSampling(config.p, config.q, dataSeed >>> 0);
      kernel.drawBatch(41);
      const out = new Uint8Array(kernel.memory.buffer, kernel.batchPtr(), 4 * size * (n + K));
      for (let lane = 0; lane < 4; lane++) {
        const ref = trainingBatch(task, size, dataSeed, 41 + lane);
        const at = lane * size * (n + K);
        expect(out.slice(at, at + size * n)).toEqual(Uint8Array.from(ref.x));
        expect(out.slice(at + size * n, at + size * (n + K))).toEqual(Uint8Array.from(ref.y));
      }
    }
  });

  it('trains 10 models on 7 data seeds exactly as 10 lone WasmTrainers (groups straddle the four sampler lanes)', () => {
    expectLikeLoneTrainers(options([5, 5, 5, 6, 7, 7, 8, 9, 10, 11]), [13, 1, 6]);
  });

  it('trains models that share one data seed exactly as lone trainers, with SGD and odd sizes', () => {
    const train = { ...TRAIN, optimizer: 'sgd' as const, lr: 0.5, m: 9, batch: 37 };
    expectLikeLoneTrainers(options([4, 4, 4, 4, 4], { ...TASK, K: 5 }, train), [7, 5]);
  });

  it('trains models with more than 32 inputs exactly as lone trainers', () => {
    expectLikeLoneTrainers(options([1, 2, 1, 2], { n: 70, K: 6, k: 5, p: 0.3, q: 0.4 }, { ...TRAIN, m: 20 }), [9]);
  });

  it('gives a model the same numbers whatever trains beside it, in whatever order', () => {
    const alone = new BatchedWasmTrainer(options([3]));
    const crowd = options([9, 3, 3, 4, 3]);
    crowd.models[2] = options([3]).models[0];
    const together = new BatchedWasmTrainer(crowd);
    alone.train(25);
    together.train(25);
    expect(maxAbsDiff(alone.params(0), together.params(2))).toBe(0);
    expect(alone.lastLoss(0)).toBe(together.lastLoss(2));
  });

  it('fits 64 default-sized models and 16 of the largest settings (n 128, m 128, K 64, batch 4096)', () => {
    const many = new BatchedWasmTrainer(
      options(
        Array.from({ length: 64 }, (_, i) => Math.floor(i / 3)),
        TASK,
        { ...TRAIN, batch: 256 },
      ),
    );
    many.train(2);
    expect(Number.isFinite(many.lastLoss(63))).toBe(true);
    const big = new BatchedWasmTrainer(
      options(
        Array.from({ length: 16 }, (_, i) => i % 4),
        { n: 128, K: 64, k: 8, p: 0.5, q: 0.25 },
        { ...TRAIN, m: 128, batch: 4096 },
      ),
    );
    big.train(1);
    expect(big.params(15).W1.length).toBe(128 * 128);
    expect(Number.isFinite(big.lastLoss(15))).toBe(true);
  });

  it('refuses a batch that does not fit in 4 GiB rather than wrapping around, and use after dispose', () => {
    const one = options([1], { n: 128, K: 64, k: 8, p: 0.5, q: 0.25 }, { ...TRAIN, m: 128 });
    const tooMany = { ...one, models: Array.from({ length: 20_000 }, () => one.models[0]) };
    expect(() => new BatchedWasmTrainer(tooMany)).toThrow(/no memory/);
    const t = new BatchedWasmTrainer(options([1, 1]));
    t.dispose();
    expect(() => t.train(1)).toThrow(/dispose/);
  });
});
