/**
 * The fused typed-array training step: forward, backward and optimizer update in one pass of
 * plain loops, with no per-op overhead. It computes what `TfjsTrainer` computes (sigmoid +
 * binary cross-entropy averaged over batch x K, ReLU'(0) = 0, tfjs's Adam with explicit
 * epsilon and bias correction, or SGD); typedArrayTrainer.test.ts pins the two together.
 *
 * Internally W1 is stored transposed, `W1T[i * m + j]`, so that adding the weights of an
 * active (x_i = 1) input to the hidden pre-activations is a contiguous loop. Inputs are 0/1, so
 * the first layer is a sum over active inputs, never a multiply.
 */
import { BatchStream } from '../core/task';
import { checkOptimizerState, noMoments, type OptimizerState, type Trainer, type TrainerOptions } from './trainer';
import type { Batch, Params } from '../core/types';

const BETA1 = 0.9;
const BETA2 = 0.999;

export class TypedArrayTrainer implements Trainer {
  readonly backend = 'fused-js';
  private stepCount: number;
  private loss = NaN;
  private readonly n: number;
  private readonly m: number;
  private readonly K: number;
  private readonly B: number;
  private readonly adam: boolean;
  private readonly lr: number;
  private readonly eps: number;
  /** Optimizer updates applied (Adam's t), and beta^(t+1) as this step keeps them. */
  private updates = 0;
  private acc1 = BETA1;
  private acc2 = BETA2;
  // Parameters and their masks (1 = kept). W1T is [n][m].
  private readonly W1T: Float64Array;
  private readonly b1: Float64Array;
  private readonly W2: Float64Array;
  private readonly b2: Float64Array;
  private readonly keep1T: Uint8Array;
  private readonly keep2: Uint8Array;
  // Gradients, Adam moments (laid out like the parameters), activations.
  private readonly g = { W1T: new Float64Array(0), b1: new Float64Array(0), W2: new Float64Array(0), b2: new Float64Array(0) };
  private readonly mom: Record<'W1T' | 'b1' | 'W2' | 'b2', { m: Float32Array; v: Float32Array }>;
  private readonly h: Float64Array;
  private readonly dh: Float64Array;
  private readonly active: Int32Array;
  private readonly stream: BatchStream;

  constructor(opts: TrainerOptions) {
    const { task, train, init, masks } = opts;
    this.n = task.config.n;
    this.K = task.config.K;
    this.m = train.m;
    this.B = train.batch;
    this.adam = train.optimizer === 'adam';
    this.lr = train.lr;
    this.eps = train.adamEpsilon;
    this.stepCount = opts.startStep;
    const { n, m, K } = this;
    this.W1T = new Float64Array(n * m);
    this.keep1T = new Uint8Array(n * m).fill(1);
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < n; i++) {
        this.W1T[i * m + j] = init.W1[j * n + i];
        if (masks) this.keep1T[i * m + j] = masks.W1[j * n + i];
      }
    }
    this.b1 = Float64Array.from(init.b1);
    this.W2 = Float64Array.from(init.W2);
    this.b2 = Float64Array.from(init.b2);
    this.keep2 = masks ? masks.W2.slice() : new Uint8Array(K * m).fill(1);
    for (let i = 0; i < this.W1T.length; i++) if (!this.keep1T[i]) this.W1T[i] = 0;
    for (let i = 0; i < this.W2.length; i++) if (!this.keep2[i]) this.W2[i] = 0;
    this.g = { W1T: new Float64Array(n * m), b1: new Float64Array(m), W2: new Float64Array(K * m), b2: new Float64Array(K) };
    const moments = (len: number) => ({ m: new Float32Array(len), v: new Float32Array(len) });
    this.mom = { W1T: moments(n * m), b1: moments(m), W2: moments(K * m), b2: moments(K) };
    this.h = new Float64Array(m);
    this.dh = new Float64Array(m);
    this.active = new Int32Array(n);
    this.stream = new BatchStream(task, this.B, opts.dataSeed);
    if (opts.resume) this.resume(opts.resume);
  }

  /** Takes over another trainer's optimizer state (W1's moments transposed like W1). */
  private resume(state: OptimizerState): void {
    const { n, m, K } = this;
    checkOptimizerState(state, this.adam, n, m, K);
    this.updates = state.t;
    // The same float64-then-float32 recurrence adamUpdate advances, so a resumed run is exact.
    for (let i = 0; i < state.t; i++) {
      this.acc1 = Math.fround(this.acc1 * BETA1);
      this.acc2 = Math.fround(this.acc2 * BETA2);
    }
    if (!this.adam) return;
    for (const [src, key] of [
      [state.m, 'm'],
      [state.v, 'v'],
    ] as const) {
      const W1T = this.mom.W1T[key];
      for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) W1T[i * m + j] = src.W1[j * n + i];
      this.mom.b1[key].set(src.b1);
      this.mom.W2[key].set(src.W2);
      this.mom.b2[key].set(src.b2);
    }
  }

  get step(): number {
    return this.stepCount;
  }

  lastLoss(): number {
    return this.loss;
  }

  train(count: number): void {
    for (let t = 0; t < count; t++) {
      const batch = this.stream.at(this.stepCount);
      this.loss = this.forwardBackward(batch, t === count - 1);
      if (this.adam) this.adamUpdate();
      else this.sgdUpdate();
      this.updates++;
      this.stepCount++;
    }
  }

  /**
   * Fills the gradients for one batch, one sample at a time (forward and backward together,
   * so activations never leave a few cache lines). Returns the batch's mean loss when
   * `withLoss`, else NaN (the log is the costliest op here, and is needed only when read).
   */
  private forwardBackward(batch: Batch, withLoss: boolean): number {
    const { n, m, K, B, W1T, b1, W2, b2, h, dh, active } = this;
    const { x, y } = batch;
    const gW1T = this.g.W1T;
    const gb1 = this.g.b1;
    const gW2 = this.g.W2;
    const gb2 = this.g.b2;
    const scale = 1 / (B * K);
    let lossSum = 0;
    gW1T.fill(0);
    gb1.fill(0);
    gW2.fill(0);
    gb2.fill(0);
    for (let s = 0; s < B; s++) {
      const xo = s * n;
      let count = 0;
      for (let i = 0; i < n; i++) if (x[xo + i] !== 0) active[count++] = i * m;
      // Forward: h = ReLU(W1 x + b1), rounded to float32 as tfjs stores it.
      for (let j = 0; j < m; j++) h[j] = b1[j];
      for (let a = 0; a < count; a++) {
        const wo = active[a];
        for (let j = 0; j < m; j++) h[j] += W1T[wo + j];
      }
      for (let j = 0; j < m; j++) {
        const v = Math.fround(h[j]);
        h[j] = v > 0 ? v : 0;
        dh[j] = 0;
      }
      // Output layer forward and backward: dL/dz = (sigmoid(z) - y) / (B K).
      const yo = s * K;
      for (let c = 0; c < K; c++) {
        const wo = c * m;
        let z = b2[c];
        for (let j = 0; j < m; j++) z += W2[wo + j] * h[j];
        z = Math.fround(z);
        const t = y[yo + c];
        const e = Math.exp(-Math.abs(z));
        if (withLoss) lossSum += (z > 0 ? z : 0) - z * t + Math.log1p(e);
        const d = ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - t) * scale;
        gb2[c] += d;
        for (let j = 0; j < m; j++) {
          gW2[wo + j] += d * h[j];
          dh[j] += d * W2[wo + j];
        }
      }
      // Hidden layer backward: ReLU'(0) = 0, then the active inputs' columns.
      for (let j = 0; j < m; j++) {
        if (h[j] <= 0) dh[j] = 0;
        gb1[j] += dh[j];
      }
      for (let a = 0; a < count; a++) {
        const wo = active[a];
        for (let j = 0; j < m; j++) gW1T[wo + j] += dh[j];
      }
    }
    return withLoss ? lossSum * scale : NaN;
  }

  private adamUpdate(): void {
    const c1 = 1 - this.acc1;
    const c2 = 1 - this.acc2;
    const { lr, eps } = this;
    const update = (w: Float64Array, g: Float64Array, mo: { m: Float32Array; v: Float32Array }, keep: Uint8Array | null) => {
      const M = mo.m;
      const V = mo.v;
      for (let i = 0; i < w.length; i++) {
        if (keep !== null && keep[i] === 0) continue;
        const gi = Math.fround(g[i]);
        const mi = (M[i] = M[i] * BETA1 + gi * (1 - BETA1));
        const vi = (V[i] = V[i] * BETA2 + gi * gi * (1 - BETA2));
        w[i] = Math.fround(w[i] - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps));
      }
    };
    update(this.W1T, this.g.W1T, this.mom.W1T, this.keep1T);
    update(this.b1, this.g.b1, this.mom.b1, null);
    update(this.W2, this.g.W2, this.mom.W2, this.keep2);
    update(this.b2, this.g.b2, this.mom.b2, null);
    this.acc1 = Math.fround(this.acc1 * BETA1);
    this.acc2 = Math.fround(this.acc2 * BETA2);
  }

  private sgdUpdate(): void {
    const lr = this.lr;
    const update = (w: Float64Array, g: Float64Array, keep: Uint8Array | null) => {
      for (let i = 0; i < w.length; i++) if (keep === null || keep[i] !== 0) w[i] = Math.fround(w[i] - lr * g[i]);
    };
    update(this.W1T, this.g.W1T, this.keep1T);
    update(this.b1, this.g.b1, null);
    update(this.W2, this.g.W2, this.keep2);
    update(this.b2, this.g.b2, null);
  }

  params(): Params {
    const { n, m } = this;
    const W1 = new Float32Array(m * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) W1[j * n + i] = this.W1T[i * m + j];
    return { W1, b1: Float32Array.from(this.b1), W2: Float32Array.from(this.W2), b2: Float32Array.from(this.b2) };
  }

  optimizerState(): OptimizerState {
    if (!this.adam) return { t: this.updates, m: noMoments(), v: noMoments() };
    const { n, m } = this;
    const moments = (key: 'm' | 'v'): Params => {
      const W1 = new Float32Array(m * n);
      const W1T = this.mom.W1T[key];
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) W1[j * n + i] = W1T[i * m + j];
      return { W1, b1: this.mom.b1[key].slice(), W2: this.mom.W2[key].slice(), b2: this.mom.b2[key].slice() };
    };
    return { t: this.updates, m: moments('m'), v: moments('v') };
  }

  dispose(): void {
    // Plain memory: nothing to release.
  }
}
