/**
 * A batched trainer trains MANY models at once, in one computation per step: a lottery-ticket
 * lab trains a ticket and its controls, at several sparsities and seeds, together. One model
 * per step leaves every backend idling on per-call overhead (TOOLCHAIN: speed of the tiny MLP);
 * many models per call spread that overhead, and models that share a data seed can share the
 * drawing of their batch.
 *
 * Every model keeps the semantics of a lone `Trainer` with the same options: model i's batch t
 * is `trainingBatch(task, batch, models[i].dataSeed, t)`, its masks hold its pruned weights at
 * exactly 0, and its optimizer state is its own. All models share the task, the training
 * config (sizes, optimizer, learning rate) and the step count. Implementations:
 *   - BatchedWasmTrainer (batchedWasmTrainer.ts): one fused-wasm kernel call per `train`;
 *   - BatchedTfjsTrainer (batchedTfjsTrainer.ts): variables stacked on a leading model axis;
 *   - BatchedTypedArrayTrainer (batchedTypedArrayTrainer.ts): a loop over fused-js trainers.
 */
import type { Masks, Params, Task, TrainConfig } from '../core/types';

export interface ModelSpec {
  /** Parameters to start from (copied, never mutated). Shapes as in types.ts. */
  init: Params;
  /** Pruned weights stay exactly 0 (weights, gradients, Adam moments); null = dense. */
  masks: Masks | null;
  /** Batch t of this model = trainingBatch(task, batch, dataSeed, t). */
  dataSeed: number;
}

export interface BatchedTrainerOptions {
  task: Task;
  train: TrainConfig;
  /** At least one. */
  models: ModelSpec[];
  /** Data step every model starts at (0 for fresh runs, k_r for rewound retrains). */
  startStep: number;
}

export interface BatchedTrainer {
  /** 'fused-wasm' | 'fused-js' | tf.getBackend(). */
  readonly backend: string;
  /** Number of models. */
  readonly size: number;
  /** Data steps completed (common to all models). */
  readonly step: number;
  /** Trains every model `count` steps. */
  train(count: number): void;
  /** Model i's parameters: a fresh copy, row-major as in types.ts. */
  params(i: number): Params;
  /** Model i's training loss on the last batch (NaN before the first step). On webgl, a GPU readback. */
  lastLoss(i: number): number;
  dispose(): void;
}

/** Models grouped by data seed, in order of first appearance: `members[g]` lists group g's model indices. */
export interface SeedGroups {
  /** [G] the data seed of each group. */
  seeds: number[];
  /** [G][size of group g] model indices, ascending. */
  members: number[][];
}

export function groupByDataSeed(models: readonly ModelSpec[]): SeedGroups {
  const seeds: number[] = [];
  const members: number[][] = [];
  const at = new Map<number, number>();
  models.forEach((model, i) => {
    let g = at.get(model.dataSeed);
    if (g === undefined) {
      g = seeds.length;
      at.set(model.dataSeed, g);
      seeds.push(model.dataSeed);
      members.push([]);
    }
    members[g].push(i);
  });
  return { seeds, members };
}

/** Throws unless there is at least one model and every model's arrays have the task's shapes. */
export function checkBatchedOptions(opts: BatchedTrainerOptions): void {
  const { n, K } = opts.task.config;
  const m = opts.train.m;
  if (opts.models.length === 0) throw new Error('A batched trainer needs at least one model.');
  opts.models.forEach((model, i) => {
    const { init, masks } = model;
    const ok = init.W1.length === m * n && init.b1.length === m && init.W2.length === K * m && init.b2.length === K && (!masks || (masks.W1.length === m * n && masks.W2.length === K * m));
    if (!ok) throw new Error(`Model ${i} does not have the shapes W1 [${m}*${n}], b1 [${m}], W2 [${K}*${m}], b2 [${K}].`);
  });
}

/** Throws unless 0 <= i < size (an integer). */
export function checkModelIndex(i: number, size: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= size) throw new Error(`No model ${i}: this batch has models 0..${size - 1}.`);
}
