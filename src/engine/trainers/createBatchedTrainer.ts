/**
 * Picks the batched trainer for a backend name, as createTrainer does for one model: the
 * hand-fused steps by name, else the tfjs batched trainer on whichever tfjs backend is active
 * (the caller has started it).
 */
import type { BatchedTrainer, BatchedTrainerOptions } from './batchedTrainer';
import { BatchedTfjsTrainer } from './batchedTfjsTrainer';
import { BatchedTypedArrayTrainer } from './batchedTypedArrayTrainer';
import { BatchedWasmTrainer } from './batchedWasmTrainer';

export function createBatchedTrainer(backend: string, options: BatchedTrainerOptions): BatchedTrainer {
  if (backend === 'fused-js') return new BatchedTypedArrayTrainer(options);
  if (backend === 'fused-wasm') return new BatchedWasmTrainer(options);
  return new BatchedTfjsTrainer(options);
}
