/// <reference lib="webworker" />
/**
 * The diagnostics worker: trains fresh dense runs on a named backend, to check that backends
 * agree and to time them. It starts backends with the training worker's own code
 * (activateBackend, which uses startTfjs) and trains with the engine's trainers, so it measures
 * what the app runs, minus the snapshots and test-set evaluation the app adds every few steps.
 *
 * Timed sections end with a loss readback: webgl only queues work, and a timer that stopped
 * before the GPU finished would measure the queue, not the training.
 */
import { buildExperiment } from '../engine/experiment';
import { createTrainer } from '../engine/createTrainer';
import * as tf from '../engine/tf';
import type { Trainer } from '../engine/trainer';
import { DEFAULTS, experimentConfig, isValidSettings } from '../state/settings';
import { activateBackend, probeWebGL, type WebGLProbe } from './backends';
import { median, type BenchRequest, type BenchResponse, type SpeedRequest, type SpeedResult, type TrainRequest, type TrainResult } from './benchProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const TFJS_BACKENDS = new Set(['webgl', 'wasm', 'cpu']);
const MAX_STEPS = 1_000_000;
let probe: WebGLProbe | null = null;
const now = () => performance.now();

/** Starts the backend and returns a maker of fresh trainers at step 0 of the requested run. */
async function prepare(req: TrainRequest): Promise<() => Trainer> {
  if (!Number.isInteger(req.steps) || req.steps < 1 || req.steps > MAX_STEPS) throw new Error(`steps must be a whole number from 1 to ${MAX_STEPS}.`);
  const settings = { ...DEFAULTS, ...req.settings, backend: req.backend };
  if (!isValidSettings(settings)) throw new Error('These settings do not pass validation.');
  probe ??= probeWebGL();
  const info = await activateBackend(req.backend, probe);
  if (info.active !== req.backend) throw new Error(`Asked for ${req.backend}, but ${info.active} started.`);
  const experiment = buildExperiment(experimentConfig(settings));
  const options = { task: experiment.task, train: experiment.config.train, dataSeed: settings.seedData, init: experiment.init, masks: null, startStep: 0 };
  return () => createTrainer(info.active, options);
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

async function speed(req: SpeedRequest): Promise<SpeedResult> {
  if (!Number.isInteger(req.repeats) || req.repeats < 1 || req.repeats > 100) throw new Error('repeats must be a whole number from 1 to 100.');
  const make = await prepare(req);
  const t0 = now();
  const trainer = make();
  try {
    trainer.train(1);
    trainer.lastLoss();
    const firstStepMs = now() - t0;
    // Warm-up, in doubling chunks; its rate sizes the repeats when targetMs is given.
    const warmupMs = req.warmupMs ?? 300;
    let warmupSteps = 0;
    const w0 = now();
    for (let chunk = 1; warmupSteps < 2 || now() - w0 < warmupMs; chunk = Math.min(chunk * 2, 256)) {
      trainer.train(chunk);
      trainer.lastLoss();
      warmupSteps += chunk;
    }
    const warmRate = warmupSteps / Math.max(1e-3, (now() - w0) / 1000);
    const stepsPerRepeat = req.targetMs ? Math.max(3, Math.min(req.steps, Math.round((warmRate * req.targetMs) / 1000))) : req.steps;
    const stepsPerSecond: number[] = [];
    for (let r = 0; r < req.repeats; r++) {
      const s = now();
      trainer.train(stepsPerRepeat);
      trainer.lastLoss();
      stepsPerSecond.push(stepsPerRepeat / ((now() - s) / 1000));
    }
    return { backend: activeName(req, trainer), firstStepMs, warmupSteps, stepsPerRepeat, stepsPerSecond, median: median(stepsPerSecond) };
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
