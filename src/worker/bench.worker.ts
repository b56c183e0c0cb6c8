/// <reference lib="webworker" />
/**
 * The diagnostics worker: trains fresh dense runs on a named backend, to check that backends
 * agree and to time them, one model at a time or many at once (the batched trainers). It starts
 * backends with the training worker's own code (activateBackend, which uses startTfjs) and trains
 * with the engine's trainers, so it measures what the app runs, minus the snapshots and test-set
 * evaluation the app adds every few steps.
 *
 * Timed sections end with a loss readback: webgl only queues work, and a timer that stopped
 * before the GPU finished would measure the queue, not the training.
 */
import { benchModels } from '../engine/trainers/batchedBenchModels';
import { createBatchedTrainer } from '../engine/trainers/createBatchedTrainer';
import { buildExperiment, type Experiment } from '../engine/core/experiment';
import { createTrainer } from '../engine/trainers/createTrainer';
import * as tf from '../engine/trainers/tf';
import type { Trainer } from '../engine/trainers/trainer';
import { DEFAULTS, experimentConfig, isValidSettings } from '../settings/settings';
import { activateBackend, probeWebGL, type WebGLProbe } from './backends';
import {
  median,
  type BatchedSpeedRequest,
  type BatchedSpeedResult,
  type BenchBackend,
  type BenchRequest,
  type BenchResponse,
  type SpeedRequest,
  type SpeedResult,
  type TrainRequest,
  type TrainResult,
} from './benchProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const TFJS_BACKENDS = new Set(['webgl', 'wasm', 'cpu']);
const MAX_STEPS = 1_000_000;
let probe: WebGLProbe | null = null;
const now = () => performance.now();

/** Validates the settings, starts the backend (throws unless it is the one asked for) and builds the run's fixed parts. */
async function start(backend: BenchBackend, changes: TrainRequest['settings']): Promise<{ active: string; experiment: Experiment }> {
  const settings = { ...DEFAULTS, ...changes, backend };
  if (!isValidSettings(settings)) throw new Error('These settings do not pass validation.');
  probe ??= probeWebGL();
  const info = await activateBackend(backend, probe);
  if (info.active !== backend) throw new Error(`Asked for ${backend}, but ${info.active} started.`);
  return { active: info.active, experiment: buildExperiment(experimentConfig(settings)) };
}

/** Starts the backend and returns a maker of fresh trainers at step 0 of the requested run. */
async function prepare(req: TrainRequest): Promise<() => Trainer> {
  if (!Number.isInteger(req.steps) || req.steps < 1 || req.steps > MAX_STEPS) throw new Error(`steps must be a whole number from 1 to ${MAX_STEPS}.`);
  const { active, experiment } = await start(req.backend, req.settings);
  const { task, config, init } = experiment;
  const options = { task, train: config.train, dataSeed: config.seeds.data, init, masks: null, startStep: 0 };
  return () => createTrainer(active, options);
}

/** What trains: the fused step's name, or tfjs's own word for its active backend. */
function activeName(req: TrainRequest, trainer: Trainer): string {
  return TFJS_BACKENDS.has(req.backend) ? tf.getBackend() : trainer.backend;
}

async function train(req: TrainRequest): Promise<TrainResult> {
  const trainer = (await prepare(req))();
  try {
    trainer.train(req.steps);
    const p = trainer.params();
    const params = { W1: Array.from(p.W1), b1: Array.from(p.b1), W2: Array.from(p.W2), b2: Array.from(p.b2) };
    return { backend: activeName(req, trainer), step: trainer.step, params };
  } finally {
    trainer.dispose();
  }
}

interface Timing {
  warmupSteps: number;
  stepsPerRepeat: number;
  /** Data steps per second, one per repeat. */
  stepsPerSecond: number[];
}

/** How many steps a timed repeat may take, and what runs untimed before each (to start it from fresh models). */
interface RepeatPlan {
  minSteps: number;
  maxSteps: number;
  fresh?: () => void;
}

/**
 * Warms up in doubling chunks for `warmupMs`, then times `repeats` calls of `train(stepsPerRepeat)`,
 * sized from the warm-up rate to take about `targetMs` each (else maxSteps). `train` must end
 * with a readback, so that webgl's queued work is inside the timer.
 */
function timeRepeats(train: (count: number) => void, req: { repeats: number; targetMs?: number; warmupMs?: number }, plan: RepeatPlan): Timing {
  if (!Number.isInteger(req.repeats) || req.repeats < 1 || req.repeats > 100) throw new Error('repeats must be a whole number from 1 to 100.');
  const warmupMs = req.warmupMs ?? 300;
  let warmupSteps = 0;
  const w0 = now();
  for (let chunk = 1; warmupSteps < 2 || now() - w0 < warmupMs; chunk = Math.min(chunk * 2, 256)) {
    train(chunk);
    warmupSteps += chunk;
  }
  const warmRate = warmupSteps / Math.max(1e-3, (now() - w0) / 1000);
  const { minSteps, maxSteps } = plan;
  const stepsPerRepeat = req.targetMs ? Math.max(minSteps, Math.min(maxSteps, Math.round((warmRate * req.targetMs) / 1000))) : maxSteps;
  const stepsPerSecond: number[] = [];
  for (let r = 0; r < req.repeats; r++) {
    plan.fresh?.();
    const s = now();
    train(stepsPerRepeat);
    stepsPerSecond.push(stepsPerRepeat / ((now() - s) / 1000));
  }
  return { warmupSteps, stepsPerRepeat, stepsPerSecond };
}

async function speed(req: SpeedRequest): Promise<SpeedResult> {
  const make = await prepare(req);
  const t0 = now();
  const trainer = make();
  try {
    trainer.train(1);
    trainer.lastLoss();
    const firstStepMs = now() - t0;
    const timing = timeRepeats((count) => (trainer.train(count), trainer.lastLoss()), req, { minSteps: 3, maxSteps: req.steps });
    return { backend: activeName(req, trainer), firstStepMs, ...timing, median: median(timing.stepsPerSecond) };
  } finally {
    trainer.dispose();
  }
}

/**
 * Each timed repeat trains fresh models for at most one run (settings.steps, 3,000 by default):
 * a lab never trains a model further, and far past that (about 18,000 steps on the default task)
 * a fitted model's logits pass -87, its sigmoids and gradients go subnormal in float32, and the
 * fused-wasm step slows by about a quarter (measured). A long repeat of one model would measure
 * that regime instead.
 */
async function batchedSpeed(req: BatchedSpeedRequest): Promise<BatchedSpeedResult> {
  const perSeed = req.perSeed ?? 3;
  if (!Number.isInteger(req.models) || req.models < 1 || req.models > 256) throw new Error('models must be a whole number from 1 to 256.');
  if (!Number.isInteger(perSeed) || perSeed < 1) throw new Error('perSeed must be a whole number from 1.');
  const { active, experiment } = await start(req.backend, req.settings);
  const { task, config } = experiment;
  const options = benchModels({ task, train: config.train, seeds: config.seeds, count: req.models, perSeed });
  const t0 = now();
  let trainer = createBatchedTrainer(active, options);
  try {
    trainer.train(1);
    trainer.lastLoss(0);
    const firstStepMs = now() - t0;
    const fresh = () => {
      trainer.dispose();
      trainer = createBatchedTrainer(active, options);
    };
    const train = (count: number) => (trainer.train(count), trainer.lastLoss(0));
    const run = config.train.steps;
    const timing = timeRepeats(train, { ...req, targetMs: req.targetMs ?? 1000 }, { minSteps: Math.min(3, run), maxSteps: run, fresh });
    const modelStepsPerSecond = timing.stepsPerSecond.map((s) => s * req.models);
    return {
      backend: TFJS_BACKENDS.has(req.backend) ? tf.getBackend() : trainer.backend,
      models: req.models,
      perSeed,
      dataSeeds: Math.ceil(req.models / perSeed),
      firstStepMs,
      stepsPerRepeat: timing.stepsPerRepeat,
      modelStepsPerSecond,
      median: median(modelStepsPerSecond),
    };
  } finally {
    trainer.dispose();
  }
}

async function handle(req: BenchRequest): Promise<BenchResponse> {
  try {
    switch (req.type) {
      case 'probe':
        return { id: req.id, ok: true, result: (probe ??= probeWebGL()) };
      case 'train':
        return { id: req.id, ok: true, result: await train(req) };
      case 'speed':
        return { id: req.id, ok: true, result: await speed(req) };
      case 'batchedSpeed':
        return { id: req.id, ok: true, result: await batchedSpeed(req) };
    }
  } catch (err) {
    return { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

let chain: Promise<void> = Promise.resolve();
scope.onmessage = (e: MessageEvent<BenchRequest>) => {
  const req = e.data;
  chain = chain.then(async () => scope.postMessage(await handle(req)));
};
