/**
 * Moving models into and out of a fused-step kernel: the row-major layout of types.ts on the JS
 * side, the kernel's padded blocks on the other (W1 transposed, rows padded to mp = m rounded
 * up to 4; assembly/layout.ts). WasmTrainer (one model) and BatchedWasmTrainer (many) share
 * these, so both put a model into the kernel, and read it back, the same way.
 */
import type { Masks, Params, Shape, Task } from '../core/types';
import type { FusedStepKernel } from './fusedStepModule';

/** Float indices of each tensor inside a model's parameter block; rows are `mp` floats long. */
export interface BlockLayout {
  mp: number;
  length: number;
  b1: number;
  W2: number;
  b2: number;
}

/** Where b1, W2 and b2 start in every model's block (the same for all models of a kernel). */
export function blockLayout(kernel: FusedStepKernel, m: number): BlockLayout {
  kernel.selectModel(0);
  const base = kernel.paramsPtr();
  return {
    mp: (m + 3) & ~3,
    length: kernel.paramsLength(),
    b1: (kernel.b1Ptr() - base) / 4,
    W2: (kernel.w2Ptr() - base) / 4,
    b2: (kernel.b2Ptr() - base) / 4,
  };
}

/** Copies `init` into model `slot`, transposing W1; pruned weights become 0 and are marked in its keep mask. */
export function writeModel(kernel: FusedStepKernel, layout: BlockLayout, shape: Shape, slot: number, init: Params, masks: Masks | null): void {
  const { n, m, K } = shape;
  const { mp, b1, W2, b2 } = layout;
  kernel.selectModel(slot);
  const w = new Float32Array(kernel.memory.buffer, kernel.paramsPtr(), layout.length);
  const kept = new Uint32Array(kernel.memory.buffer, kernel.keepPtr(), layout.length);
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

/** A model's parameter-shaped blocks (layout.ts): its parameters and Adam's two moments. */
export type ModelBlock = 'params' | 'moment1' | 'moment2';

function blockView(kernel: FusedStepKernel, layout: BlockLayout, slot: number, block: ModelBlock): Float32Array {
  kernel.selectModel(slot);
  const ptr = block === 'params' ? kernel.paramsPtr() : block === 'moment1' ? kernel.moment1Ptr() : kernel.moment2Ptr();
  return new Float32Array(kernel.memory.buffer, ptr, layout.length);
}

/** Model `slot`'s parameters as a fresh row-major copy. */
export function readModel(kernel: FusedStepKernel, layout: BlockLayout, shape: Shape, slot: number): Params {
  return readBlock(kernel, layout, shape, slot, 'params');
}

/** One of model `slot`'s blocks as a fresh row-major copy, laid out like `Params`. */
export function readBlock(kernel: FusedStepKernel, layout: BlockLayout, shape: Shape, slot: number, block: ModelBlock): Params {
  const { n, m, K } = shape;
  const { mp, b1, W2, b2 } = layout;
  const w = blockView(kernel, layout, slot, block);
  const out: Params = { W1: new Float32Array(m * n), b1: w.slice(b1, b1 + m), W2: new Float32Array(K * m), b2: w.slice(b2, b2 + K) };
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) out.W1[j * n + i] = w[i * mp + j];
  for (let c = 0; c < K; c++) for (let j = 0; j < m; j++) out.W2[c * m + j] = w[W2 + c * mp + j];
  return out;
}

/** Writes row-major `values` into one of model `slot`'s blocks (pad lanes stay 0; the keep mask is untouched). */
export function writeBlock(kernel: FusedStepKernel, layout: BlockLayout, shape: Shape, slot: number, block: ModelBlock, values: Params): void {
  const { n, m, K } = shape;
  const { mp, b1, W2, b2 } = layout;
  const w = blockView(kernel, layout, slot, block);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) w[i * mp + j] = values.W1[j * n + i];
    w[b1 + j] = values.b1[j];
  }
  for (let c = 0; c < K; c++) {
    for (let j = 0; j < m; j++) w[W2 + c * mp + j] = values.W2[c * m + j];
    w[b2 + c] = values.b2[c];
  }
}

/** Clause literals into the kernel: input index [K][k] (i32) and wanted bit [K][k] (u8). */
export function writeClauses(kernel: FusedStepKernel, task: Task): void {
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
