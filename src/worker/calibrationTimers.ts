/**
 * The real timer behind `calibrate` (calibration.ts): trains the default model on a candidate
 * until a deadline and reports its rate, as bench.worker.ts times a backend, in miniature. One
 * untimed first step (the kernel's or the shaders' set-up), then chunks that double while the
 * time per step measured so far says the next chunk ends before the deadline. Every chunk ends
 * with a loss readback: webgl only queues work, and a timer that stopped before the GPU finished
 * would measure the queue.
 */
import { initParams } from '../engine/core/params';
import { generateTask } from '../engine/core/task';
import { benchModels } from '../engine/trainers/batchedBenchModels';
import { createBatchedTrainer } from '../engine/trainers/createBatchedTrainer';
import { createTrainer } from '../engine/trainers/createTrainer';
import type { BatchedTrainerOptions } from '../engine/trainers/batchedTrainer';
import type { TrainerOptions } from '../engine/trainers/trainer';
import { DEFAULTS, experimentConfig } from '../settings/settings';
import { startTfjs } from './backends';
import { BATCH_MODELS, type Candidate, type Timer, type TimerResult, type Workload } from './calibration';

/** Timed steps enough to tell a rate: the rest of a share is left to the measurements after it. */
export const TIMED_MS = 20;

/** What a timed trainer needs: train n steps, read the loss (a sync point), free itself. */
interface Timed {
  train(n: number): void;
  read(): void;
  dispose(): void;
}

/**
 * The default run's task and initial weights, one model's trainer options and a small lab's,
 * each built on first use (in the share of the first measurement that needs it).
 */
function fixture() {
  const config = experimentConfig(DEFAULTS);
  const task = generateTask(config.task, config.seeds.task);
  const shape = { n: config.task.n, m: config.train.m, K: config.task.K };
  let single: TrainerOptions | null = null;
  let batched: BatchedTrainerOptions | null = null;
  return {
    single: () => (single ??= { task, train: config.train, dataSeed: config.seeds.data, init: initParams(shape, config.seeds.init), masks: null, startStep: 0 }),
    batched: () => (batched ??= benchModels({ task, train: config.train, seeds: config.seeds, count: BATCH_MODELS, perSeed: 3 })),
  };
}

function makeTimed(candidate: Candidate, workload: Workload, f: ReturnType<typeof fixture>): Timed {
  if (workload === 'single') {
    const t = createTrainer(candidate, f.single());
    return { train: (n) => t.train(n), read: () => t.lastLoss(), dispose: () => t.dispose() };
  }
  const t = createBatchedTrainer(candidate, f.batched());
  return { train: (n) => t.train(n), read: () => t.lastLoss(0), dispose: () => t.dispose() };
}

/**
 * Times `make()`'s trainer until `deadline`: its rate in steps/s (times `perStep` models), or
 * why none could be timed. The first step (set-up, JIT, shaders) is not timed; the next is
 * tried whenever time is left, later chunks are sized by the timed steps' pace, and timing
 * stops after TIMED_MS or before the deadline, whichever comes first.
 * Exported for its unit test with a fake clock.
 */
export function timeUntil(make: () => Timed, deadline: number, now: () => number, perStep = 1): TimerResult {
  const t0 = now();
  const t = make();
  try {
    if (now() >= deadline) return { tooSlow: `its share ran out while its trainer was built (${Math.round(now() - t0)} ms)` };
    t.train(1);
    t.read();
    const firstMs = now() - t0;
    if (now() >= deadline) return { tooSlow: `its first step took ${Math.round(firstMs)} ms, its whole share` };
    let steps = 0;
    let chunk = 1;
    const s = now();
    let end = s;
    // Enough: TIMED_MS of steps tell the rate; what is left goes to the measurements after it.
    const stop = Math.min(deadline, s + TIMED_MS);
    for (;;) {
      if (steps > 0) chunk = Math.min(chunk, Math.floor((stop - end) / Math.max((end - s) / steps, 1e-3)));
      if (chunk < 1 || now() >= stop) break;
      t.train(chunk);
      t.read();
      if (now() > deadline) break; // this chunk ran past the deadline: it is not counted
      steps += chunk;
      end = now();
      chunk = Math.min(chunk * 2, 256);
    }
    if (steps === 0 || end <= s) return { tooSlow: `no timed step fit in its share after a first step of ${Math.round(firstMs)} ms` };
    return { rate: ((steps * perStep) / (end - s)) * 1000 };
  } finally {
    t.dispose();
  }
}

/**
 * Start-up the first run needs whatever the calibration picks, done before its clock starts:
 * the kernel compiled and instantiated, and one fused-wasm step taken, so V8's first calls of
 * its exports (and of the trainer's JavaScript) are not charged to the candidates' shares. A cold
 * worker spent its whole share there (100 ms on a first visit, docs/BENCHMARKS.md).
 */
export function warmUpKernel(): void {
  const config = experimentConfig(DEFAULTS);
  const task = generateTask({ ...config.task, n: 8, K: 2 }, config.seeds.task);
  const t = createTrainer('fused-wasm', { task, train: { ...config.train, m: 4, batch: 8 }, dataSeed: 1, init: initParams({ n: 8, m: 4, K: 2 }, 1), masks: null, startStep: 0 });
  try {
    t.train(4);
    t.lastLoss();
  } finally {
    t.dispose();
  }
}

/** The timer the worker calibrates with. webgl's tfjs backend is started inside its own share. */
export function trainerTimer(now: () => number): Timer {
  let f: ReturnType<typeof fixture> | null = null;
  return async (candidate, workload, deadline) => {
    if (candidate === 'webgl') {
      try {
        await startTfjs('webgl');
      } catch {
        return { tooSlow: 'the webgl backend did not start' };
      }
      if (now() >= deadline) return { tooSlow: 'starting the webgl backend took its whole share' };
    }
    const made = (f ??= fixture());
    if (now() >= deadline) return { tooSlow: 'its share ran out while the default task was drawn' };
    return timeUntil(() => makeTimed(candidate, workload, made), deadline, now, workload === 'batched' ? BATCH_MODELS : 1);
  };
}
