/**
 * Picks the trainer implementation for a backend name: the hand-fused steps by name, else the
 * tfjs reference on whichever tfjs backend is active (the caller has started it).
 */
import { TfjsTrainer } from './tfjsTrainer';
import type { Trainer, TrainerOptions } from './trainer';
import { TypedArrayTrainer } from './typedArrayTrainer';
import { WasmTrainer } from './wasmTrainer';

export function createTrainer(backend: string, options: TrainerOptions): Trainer {
  if (backend === 'fused-js') return new TypedArrayTrainer(options);
  if (backend === 'fused-wasm') return new WasmTrainer(options);
  return new TfjsTrainer(options);
}
