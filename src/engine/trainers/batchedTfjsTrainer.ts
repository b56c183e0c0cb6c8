/**
 * The tfjs batched trainer: M models as one computation on the active tfjs backend (webgl,
 * wasm, cpu). Parameters are stacked on a leading model axis and every op is batched, so a step
 * costs about the per-op overhead of ONE model, which is what dominates this tiny network:
 *
 *   x [M,B,n] ──matMul(W1 [M,m,n]ᵀ) + b1 [M,1,m]──▶ ReLU ──matMul(W2 [M,K,m]ᵀ) + b2 [M,1,K]──▶ z [M,B,K]
 *   loss = Σ_i mean(BCE(z_i, y_i))   (model i's gradient is that of its own mean)
 *
 * Models that share a data seed share one upload of their batch: the G distinct batches go up
 * as [G,B,n] and a gather spreads them to [M,B,n]. Adam (explicit epsilon, TOOLCHAIN trap 1) and
 * SGD are elementwise, so one optimizer over the stacked variables equals M separate ones; masks
 * [M,...] zero the gradients before the update and the weights after it, as TfjsTrainer does.
 * Each step runs in tf.tidy; the trainer owns its variables, masks, indices and optimizer, and
 * releases them in dispose().
 */
import type { BatchedTrainer, BatchedTrainerOptions } from './batchedTrainer';
import { checkBatchedOptions, checkModelIndex, groupByDataSeed, type SeedGroups } from './batchedTrainer';
import { trainingBatch } from '../core/task';
import * as tf from './tf';
import { bceTerms, maskedUpdate } from './tfStep';
import type { Params, Task } from '../core/types';

type Stacked = { W1: tf.Variable; b1: tf.Variable; W2: tf.Variable; b2: tf.Variable };

export class BatchedTfjsTrainer implements BatchedTrainer {
  readonly backend: string;
  readonly size: number;
  private stepCount: number;
  private readonly task: Task;
  private readonly batch: number;
  private readonly groups: SeedGroups;
  private readonly vars: Stacked;
  private readonly masks: { W1: tf.Tensor; W2: tf.Tensor } | null;
  /** [M] int32: the group (row of the uploaded [G,B,n] batch) of each model; null when every model has its own seed. */
  private readonly groupOf: tf.Tensor | null;
  private readonly optimizer: tf.Optimizer;
  /** [M] each model's loss on the last batch of the last train call. */
  private readonly loss: tf.Variable;
  /** Host copies read back once per train call, on first use. */
  private lossCache: Float32Array | null = null;
  private paramsCache: Record<keyof Stacked, Float32Array> | null = null;

  constructor(opts: BatchedTrainerOptions) {
    checkBatchedOptions(opts);
    const { task, train, models } = opts;
    const { n, K } = task.config;
    const m = train.m;
    const M = models.length;
    this.backend = tf.getBackend();
    this.size = M;
    this.task = task;
    this.batch = train.batch;
    this.stepCount = opts.startStep;
    this.groups = groupByDataSeed(models);
    const stack = (len: number, pick: (i: number) => ArrayLike<number>) => {
      const out = new Float32Array(M * len);
      models.forEach((_, i) => out.set(pick(i), i * len));
      return out;
    };
    const ones = (len: number) => new Uint8Array(len).fill(1);
    this.masks = models.some((model) => model.masks)
      ? {
          W1: tf.tensor3d(
            stack(m * n, (i) => models[i].masks?.W1 ?? ones(m * n)),
            [M, m, n],
          ),
          W2: tf.tensor3d(
            stack(K * m, (i) => models[i].masks?.W2 ?? ones(K * m)),
            [M, K, m],
          ),
        }
      : null;
    const masked = this.masks;
    // Variables made inside tidy: tidy releases the initial tensors and keeps the variables.
    this.vars = tf.tidy(() => {
      const W1 = tf.tensor3d(
        stack(m * n, (i) => models[i].init.W1),
        [M, m, n],
      );
      const W2 = tf.tensor3d(
        stack(K * m, (i) => models[i].init.W2),
        [M, K, m],
      );
      return {
        W1: tf.variable(masked ? tf.mul(W1, masked.W1) : W1),
        b1: tf.variable(
          tf.tensor2d(
            stack(m, (i) => models[i].init.b1),
            [M, m],
          ),
        ),
        W2: tf.variable(masked ? tf.mul(W2, masked.W2) : W2),
        b2: tf.variable(
          tf.tensor2d(
            stack(K, (i) => models[i].init.b2),
            [M, K],
          ),
        ),
      };
    });
    const groupIndex = new Int32Array(M);
    this.groups.members.forEach((members, g) => members.forEach((i) => (groupIndex[i] = g)));
    this.groupOf = this.groups.seeds.length < M ? tf.tensor1d(groupIndex, 'int32') : null;
    this.loss = tf.tidy(() => tf.variable(tf.fill([M], NaN), false));
    this.optimizer = train.optimizer === 'adam' ? tf.train.adam(train.lr, 0.9, 0.999, train.adamEpsilon) : tf.train.sgd(train.lr);
  }

  get step(): number {
    return this.stepCount;
  }

  train(count: number): void {
    if (count <= 0) return;
    for (let t = 0; t < count; t++) {
      this.trainStep(t === count - 1);
      this.stepCount++;
    }
    this.lossCache = null;
    this.paramsCache = null;
  }

  /** One step of every model; with `keepLoss`, each model's loss is stored in `this.loss`. */
  private trainStep(keepLoss: boolean): void {
    const { W1, b1, W2, b2 } = this.vars;
    const { n, K } = this.task.config;
    const B = this.batch;
    const G = this.groups.seeds.length;
    const x = new Float32Array(G * B * n);
    const y = new Float32Array(G * B * K);
    this.groups.seeds.forEach((seed, g) => {
      const data = trainingBatch(this.task, B, seed, this.stepCount);
      x.set(data.x, g * B * n);
      y.set(data.y, g * B * K);
    });
    tf.tidy(() => {
      const spread = (t: tf.Tensor) => (this.groupOf ? tf.gather(t, this.groupOf) : t);
      const xs = spread(tf.tensor3d(x, [G, B, n]));
      const ys = spread(tf.tensor3d(y, [G, B, K]));
      const kept: { means: tf.Tensor | null } = { means: null };
      const { grads } = tf.variableGrads(() => {
        const h = tf.relu(tf.add(tf.matMul(xs, W1, false, true), tf.expandDims(b1, 1)));
        const z = tf.add(tf.matMul(h, W2, false, true), tf.expandDims(b2, 1));
        // Sigmoid + binary cross-entropy, stable form, averaged over batch x K per model.
        const terms = bceTerms(z, ys);
        const means = tf.mean(terms, [1, 2]);
        if (keepLoss) kept.means = tf.keep(means);
        return tf.sum(means) as tf.Scalar;
      }, [W1, b1, W2, b2]);
      maskedUpdate(this.optimizer, grads, W1, W2, this.masks);
      if (kept.means) {
        this.loss.assign(kept.means);
        kept.means.dispose();
      }
    });
  }

  params(i: number): Params {
    checkModelIndex(i, this.size);
    // dataSync() may return the backend's own memory (cpu): copy (TOOLCHAIN trap 2).
    const read = (v: tf.Variable) => Float32Array.from(v.dataSync() as Float32Array);
    const all = (this.paramsCache ??= { W1: read(this.vars.W1), b1: read(this.vars.b1), W2: read(this.vars.W2), b2: read(this.vars.b2) });
    const { n, K } = this.task.config;
    const m = all.b1.length / this.size;
    const slice = (a: Float32Array, len: number) => a.slice(i * len, (i + 1) * len);
    return { W1: slice(all.W1, m * n), b1: slice(all.b1, m), W2: slice(all.W2, K * m), b2: slice(all.b2, K) };
  }

  lastLoss(i: number): number {
    checkModelIndex(i, this.size);
    this.lossCache ??= Float32Array.from(this.loss.dataSync() as Float32Array);
    return this.lossCache[i];
  }

  dispose(): void {
    tf.dispose([this.vars.W1, this.vars.b1, this.vars.W2, this.vars.b2, this.loss]);
    if (this.masks) tf.dispose([this.masks.W1, this.masks.W2]);
    if (this.groupOf) this.groupOf.dispose();
    this.optimizer.dispose();
  }
}
