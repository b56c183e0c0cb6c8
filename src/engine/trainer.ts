/**
 * A trainer owns one network's parameters and optimizer state and advances it step by step.
 *
 * Two implementations share this interface and the same data stream:
 *   - `TfjsTrainer` (tfjsTrainer.ts): the reference, tfjs autograd and tf.train optimizers, on
 *     whichever tfjs backend is active (webgl, wasm, cpu);
 *   - `TypedArrayTrainer` (typedArrayTrainer.ts): one hand-fused forward/backward/update step
 *     in typed arrays, checked against the reference to 1e-5. One small model is dominated by
 *     per-op overhead on every tfjs backend; this path has none.
 *
 * Step t always trains on `trainingBatch(task, batch, seeds.data, t)`, so a trainer started at
 * `startStep` continues the exact data order of a run that got there by training.
 */
import type { Masks, Params, Task, TrainConfig } from './types';

export interface TrainerOptions {
  task: Task;
  train: TrainConfig;
  dataSeed: number;
  /** Parameters to start from (copied, never mutated). */
  init: Params;
  /** Pruned weights stay exactly 0; null = dense. */
  masks: Masks | null;
  /** Data step the trainer starts at (0 for a fresh run, k_r for a rewound retrain). */
  startStep: number;
}

export interface Trainer {
  /** 'fused-js' / 'fused-wasm' for the hand-fused steps, else the tfjs backend name (tf.getBackend()). */
  readonly backend: string;
  /** Data steps completed (the next step trains on batch `step`). */
  readonly step: number;
  /** Training loss of the last batch (NaN before the first step). Costs a GPU readback on webgl. */
  lastLoss(): number;
  /** Trains `count` steps. */
  train(count: number): void;
  /** A fresh copy of the current parameters (never a view of live memory). */
  params(): Params;
  dispose(): void;
}
