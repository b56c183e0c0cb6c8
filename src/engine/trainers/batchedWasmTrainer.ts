/**
 * The fast batched path: every model in one fused-wasm kernel instance, and one kernel call per
 * `train(count)` trains them all. Models that share a data seed are one group: the kernel draws
 * the group's batch once and trains each member on it (kernel/assembly/index.ts), so the draw,
 * about 40% of a lone model's step, is paid once per group.
 *
 * Model i's numbers equal a lone WasmTrainer with model i's options bit for bit: the kernel
 * runs the same f32 arithmetic per model whether its batch was drawn for it alone or shared
 * (batchedTrainers.test.ts checks exact equality).
 *
 * Kernel slots are in group order, so the slot of model i generally differs from i.
 */
import type { BatchedTrainer, BatchedTrainerOptions } from './batchedTrainer';
import { checkBatchedOptions, checkModelIndex, groupByDataSeed } from './batchedTrainer';
import { instantiateFusedStep, type FusedStepKernel } from '../kernel/fusedStepModule';
import { blockLayout, readModel, writeClauses, writeModel, type BlockLayout } from '../kernel/kernelModels';
import type { Params, Shape } from '../core/types';

export class BatchedWasmTrainer implements BatchedTrainer {
  readonly backend = 'fused-wasm';
  readonly size: number;
  private stepCount: number;
  private readonly shape: Shape;
  private readonly layout: BlockLayout;
  /** [M] kernel slot of model i. */
  private readonly slotOf: Int32Array;
  /** [M] each slot's last loss (f64), a copy taken after each train call. */
  private readonly losses: Float64Array;
  private kernel: FusedStepKernel | null;

  constructor(opts: BatchedTrainerOptions) {
    checkBatchedOptions(opts);
    const { task, train, models } = opts;
    const { n, K, k, p, q } = task.config;
    this.size = models.length;
    this.shape = { n, m: train.m, K };
    this.stepCount = opts.startStep;
    const groups = groupByDataSeed(models);
    const kernel = instantiateFusedStep();
    if (!kernel.setupBatch(n, train.m, K, k, train.batch, models.length, groups.seeds.length)) {
      throw new Error(`fused-wasm: no memory for ${models.length} models of n=${n}, m=${train.m}, K=${K}, batch ${train.batch}.`);
    }
    this.kernel = kernel;
    this.layout = blockLayout(kernel, train.m);
    this.slotOf = new Int32Array(models.length);
    let slot = 0;
    groups.members.forEach((members, g) => {
      kernel.setGroup(g, groups.seeds[g] >>> 0, members.length);
      for (const i of members) {
        this.slotOf[i] = slot;
        writeModel(kernel, this.layout, this.shape, slot++, models[i].init, models[i].masks);
      }
    });
    writeClauses(kernel, task);
    kernel.setSampling(p, q, groups.seeds[0] >>> 0);
    kernel.setOptimizer(train.optimizer === 'adam' ? 1 : 0, train.lr, train.adamEpsilon);
    this.losses = new Float64Array(models.length).fill(NaN);
  }

  get step(): number {
    return this.stepCount;
  }

  train(count: number): void {
    if (count <= 0) return;
    const kernel = this.live();
    kernel.train(this.stepCount >>> 0, count);
    this.losses.set(new Float64Array(kernel.memory.buffer, kernel.lossesPtr(), this.size));
    this.stepCount += count;
  }

  params(i: number): Params {
    checkModelIndex(i, this.size);
    return readModel(this.live(), this.layout, this.shape, this.slotOf[i]);
  }

  lastLoss(i: number): number {
    checkModelIndex(i, this.size);
    return this.losses[this.slotOf[i]];
  }

  dispose(): void {
    // The instance and its memory are freed once nothing refers to them.
    this.kernel = null;
  }

  private live(): FusedStepKernel {
    if (!this.kernel) throw new Error('fused-wasm: batched trainer used after dispose().');
    return this.kernel;
  }
}
