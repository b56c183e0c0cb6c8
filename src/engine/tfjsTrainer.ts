/**
 * The reference trainer: tfjs autograd and tf.train optimizers on the active tfjs backend.
 *
 * Adam gets its epsilon explicitly (TOOLCHAIN trap 1: webgl's default is 1e-4, cpu's 1e-7).
 * Masks: gradients are multiplied by the mask before the update, so Adam's moments of a pruned
 * weight stay 0, and the weight is re-zeroed after every step. All tensors are owned here and
 * released in `dispose()`; each step runs inside `tf.tidy`.
 */
import * as tf from './tf';
import { bceTerms, maskedUpdate } from './tfStep';
import { trainingBatch } from './task';
import type { Trainer, TrainerOptions } from './trainer';
import type { Params, Task } from './types';

export class TfjsTrainer implements Trainer {
  readonly backend: string;
  private stepCount: number;
  private readonly task: Task;
  private readonly batch: number;
  private readonly dataSeed: number;
  private readonly vars: { W1: tf.Variable; b1: tf.Variable; W2: tf.Variable; b2: tf.Variable };
  private readonly masks: { W1: tf.Tensor; W2: tf.Tensor } | null;
  private readonly optimizer: tf.Optimizer;
  private readonly loss: tf.Variable;

  constructor(opts: TrainerOptions) {
    const { task, train, init, masks } = opts;
    const { n, K } = task.config;
    const m = train.m;
    this.backend = tf.getBackend();
    this.task = task;
    this.batch = train.batch;
    this.dataSeed = opts.dataSeed;
    this.stepCount = opts.startStep;
    this.masks = masks
      ? { W1: tf.tensor2d(Float32Array.from(masks.W1), [m, n]), W2: tf.tensor2d(Float32Array.from(masks.W2), [K, m]) }
      : null;
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
    this.optimizer = train.optimizer === 'adam' ? tf.train.adam(train.lr, 0.9, 0.999, train.adamEpsilon) : tf.train.sgd(train.lr);
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
      this.stepCount++;
    }
  }

  params(): Params {
    // dataSync() may return the backend's own memory (cpu): always copy (TOOLCHAIN trap 2).
    const copy = (v: tf.Variable) => Float32Array.from(v.dataSync() as Float32Array);
    return { W1: copy(this.vars.W1), b1: copy(this.vars.b1), W2: copy(this.vars.W2), b2: copy(this.vars.b2) };
  }

  dispose(): void {
    tf.dispose([this.vars.W1, this.vars.b1, this.vars.W2, this.vars.b2, this.loss]);
    if (this.masks) tf.dispose([this.masks.W1, this.masks.W2]);
    this.optimizer.dispose();
  }
}
