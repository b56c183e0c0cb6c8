/**
 * Plain data types shared by the engine, the worker and the views. No behaviour here.
 *
 * Weight layout everywhere: row-major typed arrays, `W1[j * n + i]` is hidden row j, input i;
 * `W2[c * m + j]` is output (clause) c, hidden row j. This matches SPEC 7's nested arrays.
 */

/** The task: SPEC 2. */
export interface TaskConfig {
  /** Number of Boolean inputs. */
  n: number;
  /** Number of clauses (= sigmoid outputs). */
  K: number;
  /** Literals per clause. */
  k: number;
  /** Probability that an input bit is 1. */
  p: number;
  /** Probability, per clause and sample, of planting a satisfying assignment. */
  q: number;
}

/** The model and how it is trained: SPEC 3. */
export interface TrainConfig {
  /** Hidden rows. */
  m: number;
  optimizer: 'adam' | 'sgd';
  lr: number;
  /** Passed to Adam explicitly, never the backend's default (TOOLCHAIN trap 1). */
  adamEpsilon: number;
  batch: number;
  steps: number;
}

export interface Seeds {
  task: number;
  init: number;
  data: number;
  test: number;
}

/** One clause: `inputs` are k distinct input indices (ascending), `template[l]` is +1 or -1. */
export interface Clause {
  inputs: number[];
  template: number[];
}

export interface Task {
  config: TaskConfig;
  clauses: Clause[];
}

/** Network parameters. Shapes: W1 [m*n], b1 [m], W2 [K*m], b2 [K]. */
export interface Params {
  W1: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
}

/** Which weights are kept (1) or pruned (0). Shapes: W1 [m*n], W2 [K*m]. Biases are never masked. */
export interface Masks {
  W1: Uint8Array;
  W2: Uint8Array;
}

/** Metrics on the fixed test set (SPEC 3). */
export interface Metrics {
  loss: number;
  /** Per-clause balanced accuracy, averaged over clauses. */
  balancedAccuracy: number;
  /** Fraction of samples with all K outputs right. */
  exactMatch: number;
}

export interface Snapshot {
  step: number;
  params: Params;
}

export interface MetricRow extends Metrics {
  step: number;
}

/** A batch of samples. x: [B*n] of 0/1, y: [B*K] of 0/1. */
export interface Batch {
  size: number;
  x: Float32Array;
  y: Float32Array;
}

export interface Shape {
  n: number;
  m: number;
  K: number;
}
