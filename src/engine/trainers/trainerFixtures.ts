/**
 * Shared by the trainer unit tests (trainers, fused-wasm, resume): the SPEC default experiment
 * and trainer options built from it with a few fields changed. Not imported by the app.
 */
import { buildExperiment, type ExperimentConfig } from '../core/experiment';
import { Prng } from '../core/prng';
import type { TrainerOptions } from './trainer';
import type { Masks, TaskConfig, TrainConfig } from '../core/types';

/** The SPEC default experiment (n 24, K 12, k 3, m 16, Adam, batch 256, 3000 steps; seeds 1-4). */
export const DEFAULT_EXPERIMENT = {
  task: { n: 24, K: 12, k: 3, p: 0.5, q: 0.25 } as TaskConfig,
  train: { m: 16, optimizer: 'adam', lr: 3e-3, adamEpsilon: 1e-7, batch: 256, steps: 3000 } as TrainConfig,
  seeds: { task: 1, init: 2, data: 3, test: 4 },
} satisfies ExperimentConfig;

/** Options for one trainer from step 0 of the default experiment with `train` and `task` fields changed (data seed 3). */
export function trainerOptions(train: Partial<TrainConfig> = {}, masks: Masks | null = null, task: Partial<TaskConfig> = {}): TrainerOptions {
  const d = DEFAULT_EXPERIMENT;
  const exp = buildExperiment({ ...d, task: { ...d.task, ...task }, train: { ...d.train, ...train } });
  return { task: exp.task, train: exp.config.train, dataSeed: 3, init: exp.init, masks, startStep: 0 };
}

/** Each weight kept with probability 1/2, from its own seeded stream. */
export function randomHalfMask(n: number, m: number, K: number, seed: number): Masks {
  const rng = new Prng(seed);
  return {
    W1: Uint8Array.from({ length: m * n }, () => (rng.nextFloat() < 0.5 ? 1 : 0)),
    W2: Uint8Array.from({ length: K * m }, () => (rng.nextFloat() < 0.5 ? 1 : 0)),
  };
}
