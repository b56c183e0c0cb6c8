/**
 * The fused training step in WebAssembly SIMD: what `TypedArrayTrainer` computes, about ten
 * times faster (docs/BENCHMARKS.md). The kernel (kernel/assembly/) draws each batch itself,
 * ported bit for bit from task.ts, so no batch crosses into wasm and a whole `train(count)` is
 * one call. wasmTrainer.test.ts pins it to TypedArrayTrainer and to tfjs (1e-5 after 300 steps).
 *
 * Parameters live in the kernel's memory, W1 transposed and rows padded to 4
 * (kernel/assembly/layout.ts); kernel/kernelModels.ts converts to and from the row-major
 * layout of types.ts, only in the constructor and in `params()`. This is the kernel with one
 * model; BatchedWasmTrainer (batchedWasmTrainer.ts) is the same kernel with many.
 */
import { instantiateFusedStep, type FusedStepKernel } from '../kernel/fusedStepModule';
import { blockLayout, readBlock, readModel, writeBlock, writeClauses, writeModel, type BlockLayout } from '../kernel/kernelModels';
import { checkOptimizerState, float32Power, noMoments, type OptimizerState, type Trainer, type TrainerOptions } from './trainer';
import type { Params, Shape } from '../core/types';

export class WasmTrainer implements Trainer {
  readonly backend = 'fused-wasm';
  private stepCount: number;
  /** Optimizer updates applied (Adam's t). */
  private updates = 0;
  private readonly adam: boolean;
  private loss = NaN;
  private readonly shape: Shape;
  private readonly layout: BlockLayout;
  private kernel: FusedStepKernel | null;

  constructor(opts: TrainerOptions) {
    const { task, train } = opts;
    const { n, K, p, q } = task.config;
    this.shape = { n, m: train.m, K };
    this.stepCount = opts.startStep;
    this.adam = train.optimizer === 'adam';
    const kernel = instantiateFusedStep();
    if (!kernel.setup(n, train.m, K, task.config.k, train.batch)) {
      throw new Error(`fused-wasm: no memory for n=${n}, m=${train.m}, K=${K}, batch ${train.batch}.`);
    }
    this.kernel = kernel;
    this.layout = blockLayout(kernel, train.m);
    writeModel(kernel, this.layout, this.shape, 0, opts.init, opts.masks);
    writeClauses(kernel, task);
    kernel.setSampling(p, q, opts.dataSeed >>> 0);
    kernel.setOptimizer(this.adam ? 1 : 0, train.lr, train.adamEpsilon);
    if (opts.resume) this.resume(opts.resume);
  }

  /** Takes over another trainer's optimizer state: moments into the kernel's blocks, powers from t. */
  private resume(state: OptimizerState): void {
    const { n, m, K } = this.shape;
    checkOptimizerState(state, this.adam, n, m, K);
    this.updates = state.t;
    if (!this.adam) return;
    const kernel = this.live();
    writeBlock(kernel, this.layout, this.shape, 0, 'moment1', state.m);
    writeBlock(kernel, this.layout, this.shape, 0, 'moment2', state.v);
    kernel.setPowers(float32Power(0.9, state.t), float32Power(0.999, state.t));
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
    this.updates += count;
  }

  params(): Params {
    return readModel(this.live(), this.layout, this.shape, 0);
  }

  optimizerState(): OptimizerState {
    if (!this.adam) return { t: this.updates, m: noMoments(), v: noMoments() };
    const kernel = this.live();
    return {
      t: this.updates,
      m: readBlock(kernel, this.layout, this.shape, 0, 'moment1'),
      v: readBlock(kernel, this.layout, this.shape, 0, 'moment2'),
    };
  }

  dispose(): void {
    // The instance and its memory are freed once nothing refers to them.
    this.kernel = null;
  }

  private live(): FusedStepKernel {
    if (!this.kernel) throw new Error('fused-wasm: trainer used after dispose().');
    return this.kernel;
  }
}
