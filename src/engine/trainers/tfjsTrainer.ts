/**
 * The reference trainer: tfjs autograd and tf.train optimizers on the active tfjs backend.
 *
 * Adam gets its epsilon explicitly (TOOLCHAIN trap 1: webgl's default is 1e-4, cpu's 1e-7).
 * Masks: gradients are multiplied by the mask before the update, so Adam's moments of a pruned
 * weight stay 0, and the weight is re-zeroed after every step. All tensors are owned here and
 * released in `dispose()`; each step runs inside `tf.tidy`.
 *
 * Resuming (`TrainerOptions.resume`) sets tf.train.adam's own state directly: its moment
 * variables (which it indexes by the position of each gradient, W1, b1, W2, b2 here) and its
 * float32 powers beta^(t+1). `setWeights()` is not used because it recomputes the powers with
 * `pow`, which is not bit-identical to the repeated float32 multiply a run performs.
 */
import * as tf from './tf';
import { bceTerms, maskedUpdate } from './tfStep';
import { trainingBatch } from '../core/task';
import { checkOptimizerState, float32Power, noMoments, type OptimizerState, type Trainer, type TrainerOptions } from './trainer';
import type { Params, Task } from '../core/types';

const BETA1 = 0.9;
const BETA2 = 0.999;
const KEYS = ['W1', 'b1', 'W2', 'b2'] as const;

/** The parts of tf.train.adam's AdamOptimizer (tfjs-core 4.22) that hold its state. */
interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

function adamInternals(optimizer: tf.Optimizer): AdamInternals {
  const a = optimizer as unknown as Partial<AdamInternals>;
  if (!(a.accBeta1 instanceof tf.Variable) || !(a.accBeta2 instanceof tf.Variable) || !Array.isArray(a.accumulatedFirstMoment) || !Array.isArray(a.accumulatedSecondMoment)) {
    throw new Error('This tfjs Adam optimizer does not keep its state where this app reads it (tfjs-core 4.22 layout).');
  }
  return a as AdamInternals;
}

export class TfjsTrainer implements Trainer {
  readonly backend: string;
  private stepCount: number;
  /** Optimizer updates applied (Adam's t). */
  private updates = 0;
  private readonly shape: { n: number; m: number; K: number };
  private readonly adam: boolean;
  private readonly task: Task;
  private readonly batch: number;
  private readonly dataSeed: number;
  private readonly vars: { W1: tf.Variable; b1: tf.Variable; W2: tf.Variable; b2: tf.Variable };
  private readonly masks: { W1: tf.Tensor; W2: tf.Tensor } | null;
  private readonly optimizer: tf.Optimizer;
  private readonly loss: tf.Variable;
  /** Adam's moments as read with the last params(), and after how many updates. */
  private readAlong: { updates: number; m: Params; v: Params } | null = null;

  constructor(opts: TrainerOptions) {
    const { task, train, init, masks } = opts;
    const { n, K } = task.config;
    const m = train.m;
    // Checked before any tensor exists, so a refused state leaks nothing.
    if (opts.resume) checkOptimizerState(opts.resume, train.optimizer === 'adam', n, m, K);
    this.backend = tf.getBackend();
    this.task = task;
    this.batch = train.batch;
    this.dataSeed = opts.dataSeed;
    this.stepCount = opts.startStep;
    this.shape = { n, m, K };
    this.adam = train.optimizer === 'adam';
    this.masks = masks ? { W1: tf.tensor2d(Float32Array.from(masks.W1), [m, n]), W2: tf.tensor2d(Float32Array.from(masks.W2), [K, m]) } : null;
    // Variables made inside tidy: tidy releases the initial tensors and keeps the variables.
    const masked = this.masks;
    this.vars = tf.tidy(() => {
      const W1 = tf.tensor2d(init.W1.slice(), [m, n]);
      const W2 = tf.tensor2d(init.W2.slice(), [K, m]);
      return {
        W1: tf.variable(masked ? tf.mul(W1, masked.W1) : W1),
        b1: tf.variable(tf.tensor1d(init.b1.slice())),
        W2: tf.variable(masked ? tf.mul(W2, masked.W2) : W2),
        b2: tf.variable(tf.tensor1d(init.b2.slice())),
      };
    });
    this.loss = tf.tidy(() => tf.variable(tf.scalar(NaN), false));
    this.optimizer = this.adam ? tf.train.adam(train.lr, BETA1, BETA2, train.adamEpsilon) : tf.train.sgd(train.lr);
    if (opts.resume) this.resume(opts.resume);
  }

  /** Hands Adam the saved moments (as its own non-trainable variables) and its powers after t updates. */
  private resume(state: OptimizerState): void {
    const { n, m, K } = this.shape;
    this.updates = state.t;
    if (!this.adam) return;
    const adam = adamInternals(this.optimizer);
    const shapes = { W1: [m, n], b1: [m], W2: [K, m], b2: [K] };
    const moments = (p: Params, suffix: string) =>
      KEYS.map((key) => ({
        originalName: `${this.vars[key].name}/${suffix}`,
        variable: tf.tidy(() => tf.variable(tf.tensor(p[key].slice(), shapes[key]), false)),
      }));
    tf.dispose([...adam.accumulatedFirstMoment, ...adam.accumulatedSecondMoment].map((v) => v.variable));
    adam.accumulatedFirstMoment = moments(state.m, 'm');
    adam.accumulatedSecondMoment = moments(state.v, 'v');
    tf.tidy(() => {
      adam.accBeta1.assign(tf.scalar(float32Power(BETA1, state.t)));
      adam.accBeta2.assign(tf.scalar(float32Power(BETA2, state.t)));
    });
  }

  get step(): number {
    return this.stepCount;
  }

  lastLoss(): number {
    return this.loss.dataSync()[0];
  }

  train(count: number): void {
    const { W1, b1, W2, b2 } = this.vars;
    const varList = [W1, b1, W2, b2];
    for (let t = 0; t < count; t++) {
      const data = trainingBatch(this.task, this.batch, this.dataSeed, this.stepCount);
      tf.tidy(() => {
        const x = tf.tensor2d(data.x, [data.size, this.task.config.n]);
        const y = tf.tensor2d(data.y, [data.size, this.task.config.K]);
        const { value, grads } = tf.variableGrads(() => {
          const h = tf.relu(tf.add(tf.matMul(x, W1, false, true), b1));
          const z = tf.add(tf.matMul(h, W2, false, true), b2);
          // Sigmoid + binary cross-entropy, stable form, averaged over batch x K.
          const terms = bceTerms(z, y);
          return tf.mean(terms) as tf.Scalar;
        }, varList);
        maskedUpdate(this.optimizer, grads, W1, W2, this.masks);
        this.loss.assign(value);
      });
      this.updates++;
      this.stepCount++;
    }
  }

  params(): Params {
    const { W1, b1, W2, b2 } = this.vars;
    // Adam's moments come along in the same readback (on webgl the round trip, not the bytes,
    // is the cost), for an optimizerState() asked for at this same step: a session's capture.
    const moments = this.momentVariables();
    const [p, m, v] = this.readFlat([W1, b1, W2, b2, ...moments], moments.length > 0 ? 3 : 1);
    this.readAlong = moments.length > 0 ? { updates: this.updates, m, v } : null;
    return p;
  }

  optimizerState(): OptimizerState {
    if (!this.adam) return { t: this.updates, m: noMoments(), v: noMoments() };
    const moments = this.momentVariables();
    if (moments.length === 0) {
      // No update yet: Adam has not made its moment variables; they are zero.
      const { n, m, K } = this.shape;
      const zeros = () => ({ W1: new Float32Array(m * n), b1: new Float32Array(m), W2: new Float32Array(K * m), b2: new Float32Array(K) });
      return { t: this.updates, m: zeros(), v: zeros() };
    }
    const along = this.readAlong;
    this.readAlong = null; // handed over once: every state returned is its own copy
    if (along && along.updates === this.updates) return { t: this.updates, m: along.m, v: along.v };
    const [m, v] = this.readFlat(moments, 2);
    return { t: this.updates, m, v };
  }

  /** Adam's moment variables in order (first moments W1, b1, W2, b2, then second); none for SGD or before the first update. */
  private momentVariables(): tf.Variable[] {
    if (!this.adam) return [];
    const adam = adamInternals(this.optimizer);
    return [...adam.accumulatedFirstMoment, ...adam.accumulatedSecondMoment].map((v) => v.variable);
  }

  /**
   * Reads `groups` parameter sets (each W1, b1, W2, b2) with one readback: on webgl every
   * dataSync() is a GPU round trip, so they are concatenated on the device first. The result
   * is a fresh copy, never the backend's own memory (TOOLCHAIN trap 2).
   */
  private readFlat(tensors: tf.Tensor[], groups: number): Params[] {
    const flat = tf.tidy(() => tf.concat(tensors.map((t) => tf.reshape(t, [-1]))));
    const data = flat.dataSync() as Float32Array;
    const { n, m, K } = this.shape;
    let o = 0;
    // slice: copies, each with its own buffer.
    const take = (len: number) => data.slice(o, (o += len));
    const out = Array.from({ length: groups }, () => ({ W1: take(m * n), b1: take(m), W2: take(K * m), b2: take(K) }));
    flat.dispose();
    return out;
  }

  dispose(): void {
    tf.dispose([this.vars.W1, this.vars.b1, this.vars.W2, this.vars.b2, this.loss]);
    if (this.masks) tf.dispose([this.masks.W1, this.masks.W2]);
    this.optimizer.dispose();
  }
}
