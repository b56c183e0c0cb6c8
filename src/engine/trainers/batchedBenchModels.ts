/**
 * The models a batched-speed measurement trains: a lottery-ticket lab in miniature, where a
 * ticket and its controls train on one data stream. Model i starts from its own init seed and
 * shares its data seed with the models of its group of `perSeed` (model i's data seed is
 * dataSeed + floor(i / perSeed)). Used by the diagnostics worker and bench/batchedNode.ts, so
 * the browser and Node time the same thing.
 */
import type { BatchedTrainerOptions } from './batchedTrainer';
import { initParams } from '../core/params';
import type { Seeds, Shape, Task, TrainConfig } from '../core/types';

export interface BenchModelsOptions {
  task: Task;
  train: TrainConfig;
  seeds: Seeds;
  /** Number of models. */
  count: number;
  /** Models per data seed (3: a ticket and two controls). */
  perSeed: number;
}

/** Dense models, init seeds seeds.init + i, data seeds seeds.data + floor(i / perSeed), from step 0. */
export function benchModels(opts: BenchModelsOptions): BatchedTrainerOptions {
  const { task, train, seeds, count, perSeed } = opts;
  const shape: Shape = { n: task.config.n, m: train.m, K: task.config.K };
  const models = Array.from({ length: count }, (_, i) => ({
    init: initParams(shape, seeds.init + i),
    masks: null,
    dataSeed: seeds.data + Math.floor(i / perSeed),
  }));
  return { task, train, models, startStep: 0 };
}
