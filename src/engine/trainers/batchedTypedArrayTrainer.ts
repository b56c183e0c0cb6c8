/**
 * The fused-js batched trainer: a plain loop over one TypedArrayTrainer per model. Nothing is
 * shared (each model draws its own batches, even models with the same data seed); it exists so
 * that every backend name has a batched trainer, and its numbers are by construction those of
 * separate fused-js trainers. fused-wasm (batchedWasmTrainer.ts) is the fast path on the CPU.
 */
import type { BatchedTrainer, BatchedTrainerOptions } from './batchedTrainer';
import { checkBatchedOptions, checkModelIndex } from './batchedTrainer';
import { TypedArrayTrainer } from './typedArrayTrainer';
import type { Params } from '../core/types';

export class BatchedTypedArrayTrainer implements BatchedTrainer {
  readonly backend = 'fused-js';
  readonly size: number;
  private stepCount: number;
  private readonly trainers: TypedArrayTrainer[];

  constructor(opts: BatchedTrainerOptions) {
    checkBatchedOptions(opts);
    const { task, train, startStep } = opts;
    this.size = opts.models.length;
    this.stepCount = startStep;
    this.trainers = opts.models.map((model) => new TypedArrayTrainer({ task, train, startStep, ...model }));
  }

  get step(): number {
    return this.stepCount;
  }

  train(count: number): void {
    if (count <= 0) return;
    for (const trainer of this.trainers) trainer.train(count);
    this.stepCount += count;
  }

  params(i: number): Params {
    checkModelIndex(i, this.size);
    return this.trainers[i].params();
  }

  lastLoss(i: number): number {
    checkModelIndex(i, this.size);
    return this.trainers[i].lastLoss();
  }

  dispose(): void {
    for (const trainer of this.trainers) trainer.dispose();
  }
}
