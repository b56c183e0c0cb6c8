/**
 * Loads the fused-step kernel (fusedStep.wasm.ts, built from assembly/) synchronously: the
 * bytes are compiled once per thread and instantiated once per trainer, so every trainer owns
 * its memory. Synchronous on purpose: `createTrainer` and `createBatchedTrainer` are synchronous.
 * Trainers live in the worker, where browsers allow synchronous compilation at any size (the
 * module is ~12 KB).
 */
import { FUSED_STEP_WASM_BASE64 } from './fusedStep.wasm';

/** What the kernel exports (assembly/index.ts). Pointers are byte offsets into `memory`. */
export interface FusedStepKernel {
  readonly memory: WebAssembly.Memory;
  /** Sizes the kernel for one model: n inputs, m hidden rows, K clauses of k literals, batch B; false if memory cannot grow. */
  setup(n: number, m: number, K: number, k: number, B: number): number;
  /** As setup, for M models in G groups (each of size 1 until setGroup); false if memory cannot grow. */
  setupBatch(n: number, m: number, K: number, k: number, B: number, M: number, G: number): number;
  /** Group g: data seed (as uint32) and how many consecutive model slots (after group g-1's) train on it. */
  setGroup(g: number, seed: number, size: number): void;
  /** Points paramsPtr/b1Ptr/w2Ptr/b2Ptr/keepPtr at model i's blocks (model 0 after setup). */
  selectModel(i: number): void;
  /** p, q: the task's bit and planting probabilities; seed: group 0's data seed (as uint32). Reads the clauses: write them first. */
  setSampling(p: number, q: number, seed: number): void;
  setOptimizer(adam: number, lr: number, eps: number): void;
  /** Adam's float32 powers beta1^(t+1), beta2^(t+1) after t updates (call after setOptimizer, which resets them). */
  setPowers(p1: number, p2: number): void;
  /** Trains every model `count` steps starting at data step `step`; model 0's last mean loss, NaN if count is 0. */
  train(step: number, count: number): number;
  /** Each model's mean loss on the last batch of the last train call [M] (f64). */
  lossesPtr(): number;
  /** Writes group 0's batches step..step+3 (one per sampler lane) at batchPtr(): each x [B][n] then y [B][K], bytes of 0/1. */
  drawBatch(step: number): void;
  /** The selected model's parameter block (assembly/layout.ts), f32, rows padded to mp (m rounded up to 4): W1T [n][mp] starts it. */
  paramsPtr(): number;
  /** b1 [mp], inside the parameter block. */
  b1Ptr(): number;
  /** W2 [Kp][mp] (Kp: K rounded up to 4), inside the parameter block. */
  w2Ptr(): number;
  /** b2 [Kp], the end of the parameter block. */
  b2Ptr(): number;
  /** Floats in the parameter block. */
  paramsLength(): number;
  /** The selected model's Adam first and second moments, each laid out like its parameter block (f32). */
  moment1Ptr(): number;
  moment2Ptr(): number;
  /** The keep mask, laid out like the parameter block (u32: all ones = kept, 0 = pruned or pad). */
  keepPtr(): number;
  /** Clause literals: input index [K][k] (i32). */
  clauseInputsPtr(): number;
  /** Clause literals: wanted bit [K][k] (u8). */
  clauseSignsPtr(): number;
  batchPtr(): number;
}

let compiled: WebAssembly.Module | null = null;

/** The raw kernel bytes. */
export function fusedStepBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(FUSED_STEP_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A fresh kernel instance with its own memory. */
export function instantiateFusedStep(): FusedStepKernel {
  return instantiateKernelExports<FusedStepKernel>();
}

/** A fresh instance of the kernel's module, seen through `T`: the training exports or the scoring ones (wasmEvaluator.ts). */
export function instantiateKernelExports<T>(): T {
  compiled ??= new WebAssembly.Module(fusedStepBytes());
  return new WebAssembly.Instance(compiled, {}).exports as unknown as T;
}
