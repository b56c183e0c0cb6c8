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
import type { Masks, Params, Task, TrainConfig } from '../core/types';

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
  /**
   * The optimizer state to continue from (another trainer's `optimizerState()` at `init`);
   * absent = a fresh optimizer. On the same backend a resumed run continues bit for bit.
   */
  resume?: OptimizerState;
}

/**
 * An optimizer's state in a backend-neutral layout, enough to continue a run exactly.
 *
 * `t`: updates applied so far. Adam's bias correction uses beta^t, which every trainer keeps
 * as its own float32 recurrence (beta^(t+1) = beta^t * beta), so each rebuilds it from `t`
 * the way it would have got there. `m`, `v`: Adam's first and second moments laid out exactly
 * like `Params` (W1 [m*n] row-major, b1, W2 [K*m], b2); for SGD all four are zero-length.
 */
export interface OptimizerState {
  t: number;
  m: Params;
  v: Params;
}

/** A zero-length parameter set: SGD's moments. */
export function noMoments(): Params {
  return { W1: new Float32Array(0), b1: new Float32Array(0), W2: new Float32Array(0), b2: new Float32Array(0) };
}

/**
 * Adam's power beta^(t+1) as tfjs and the fused-wasm kernel keep it: float32 `beta`, then
 * one float32 multiply by `beta` per update. Math.fround of a product of two float32 values
 * is the correctly rounded float32 product, which is what both compute.
 */
export function float32Power(beta: number, t: number): number {
  const b = Math.fround(beta);
  let p = b;
  for (let i = 0; i < t; i++) p = Math.fround(p * b);
  return p;
}

/** Checks that `state` fits a model of this shape and optimizer; throws with what is wrong. */
export function checkOptimizerState(state: OptimizerState, adam: boolean, n: number, m: number, K: number): void {
  if (!Number.isInteger(state.t) || state.t < 0) throw new Error(`Optimizer state: t must be a whole number >= 0, not ${state.t}.`);
  const want = adam ? { W1: m * n, b1: m, W2: K * m, b2: K } : { W1: 0, b1: 0, W2: 0, b2: 0 };
  for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
    for (const moments of [state.m, state.v]) {
      if (moments[key].length !== want[key]) {
        throw new Error(`Optimizer state: a moment of ${key} has ${moments[key].length} values; this ${adam ? 'Adam' : 'SGD'} model needs ${want[key]}.`);
      }
    }
  }
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
  /** A fresh copy of the optimizer's state, to continue this run elsewhere (`TrainerOptions.resume`). */
  optimizerState(): OptimizerState;
  dispose(): void;
}
