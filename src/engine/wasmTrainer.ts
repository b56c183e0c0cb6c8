/**
 * The fused training step in WebAssembly SIMD: what `TypedArrayTrainer` computes, about ten
 * times faster (docs/BENCHMARKS.md). The kernel (kernel/assembly/) draws each batch itself,
 * ported bit for bit from task.ts, so no batch crosses into wasm and a whole `train(count)` is
 * one call. wasmTrainer.test.ts pins it to TypedArrayTrainer and to tfjs (1e-5 after 300 steps).
 *
 * Parameters live in the kernel's memory, W1 transposed and rows padded to 4
 * (kernel/assembly/layout.ts); this class converts to and from the row-major layout of
 * types.ts only in the constructor and in `params()`.
 */
import { instantiateFusedStep, type FusedStepKernel } from './kernel/fusedStepModule';
import type { Trainer, TrainerOptions } from './trainer';
import type { Masks, Params, Task } from './types';

/** Float indices of each tensor inside the kernel's parameter block; rows are `mp` floats long. */
interface BlockLayout {
  mp: number;
  length: number;
  b1: number;
  W2: number;
  b2: number;
}

export class WasmTrainer implements Trainer {
  readonly backend = 'fused-wasm';
  private stepCount: number;
  private loss = NaN;
  private readonly n: number;
  private readonly m: number;
  private readonly K: number;
  private readonly layout: BlockLayout;
  private kernel: FusedStepKernel | null;

  constructor(opts: TrainerOptions) {
    const { task, train } = opts;
    const { n, K, p, q } = task.config;
    this.n = n;
    this.m = train.m;
    this.K = K;
    this.stepCount = opts.startStep;
    const kernel = instantiateFusedStep();
    if (!kernel.setup(n, train.m, K, task.config.k, train.batch)) {
      throw new Error(`fused-wasm: no memory for n=${n}, m=${train.m}, K=${K}, batch ${train.batch}.`);
    }
    this.kernel = kernel;
    const base = kernel.paramsPtr();
    this.layout = {
      mp: (train.m + 3) & ~3,
      length: kernel.paramsLength(),
      b1: (kernel.b1Ptr() - base) / 4,
      W2: (kernel.w2Ptr() - base) / 4,
      b2: (kernel.b2Ptr() - base) / 4,
    };
    this.writeParams(opts.init, opts.masks);
    writeClauses(kernel, task);
    kernel.setSampling(p, q, opts.dataSeed >>> 0);
    kernel.setOptimizer(train.optimizer === 'adam' ? 1 : 0, train.lr, train.adamEpsilon);
  }

  get step(): number {
    return this.stepCount;
  }

  lastLoss(): number {
    return this.loss;
  }

  train(count: number): void {
    if (count <= 0) return;
    this.loss = this.live().train(this.stepCount >>> 0, count);
    this.stepCount += count;
  }

  params(): Params {
    const { n, m, K } = this;
    const { mp, b1, W2, b2 } = this.layout;
    const w = this.block();
    const out: Params = { W1: new Float32Array(m * n), b1: w.slice(b1, b1 + m), W2: new Float32Array(K * m), b2: w.slice(b2, b2 + K) };
    for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) out.W1[j * n + i] = w[i * mp + j];
    for (let c = 0; c < K; c++) for (let j = 0; j < m; j++) out.W2[c * m + j] = w[W2 + c * mp + j];
    return out;
  }

  dispose(): void {
    // The instance and its memory are freed once nothing refers to them.
    this.kernel = null;
  }

  /** Copies `init` into the kernel, transposing W1; pruned weights become 0 and are marked in the keep mask. */
  private writeParams(init: Params, masks: Masks | null): void {
    const { n, m, K } = this;
    const { mp, b1, W2, b2 } = this.layout;
    const kernel = this.live();
    const w = this.block();
    const kept = new Uint32Array(kernel.memory.buffer, kernel.keepPtr(), this.layout.length);
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < n; i++) {
        const keep = !masks || masks.W1[j * n + i] !== 0;
        w[i * mp + j] = keep ? init.W1[j * n + i] : 0;
        if (!keep) kept[i * mp + j] = 0;
      }
      w[b1 + j] = init.b1[j];
    }
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < m; j++) {
        const keep = !masks || masks.W2[c * m + j] !== 0;
        w[W2 + c * mp + j] = keep ? init.W2[c * m + j] : 0;
        if (!keep) kept[W2 + c * mp + j] = 0;
      }
      w[b2 + c] = init.b2[c];
    }
  }

  /** A view of the live parameter block (valid until the kernel's memory grows, which it does only in setup). */
  private block(): Float32Array {
    const kernel = this.live();
    return new Float32Array(kernel.memory.buffer, kernel.paramsPtr(), this.layout.length);
  }

  private live(): FusedStepKernel {
    if (!this.kernel) throw new Error('fused-wasm: trainer used after dispose().');
    return this.kernel;
  }
}

/** Clause literals into the kernel: input index [K][k] (i32) and wanted bit [K][k] (u8). */
function writeClauses(kernel: FusedStepKernel, task: Task): void {
  const { K, k } = task.config;
  const inputs = new Int32Array(kernel.memory.buffer, kernel.clauseInputsPtr(), K * k);
  const signs = new Uint8Array(kernel.memory.buffer, kernel.clauseSignsPtr(), K * k);
  task.clauses.forEach((clause, c) => {
    for (let l = 0; l < k; l++) {
      inputs[c * k + l] = clause.inputs[l];
      signs[c * k + l] = clause.template[l] > 0 ? 1 : 0;
    }
  });
}
