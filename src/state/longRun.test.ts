/**
 * Long runs: nothing the worker or the page holds may grow with the number of steps once the
 * snapshot history is at its cap, and no tfjs tensor may leak per step. Tiny models keep these
 * runs to seconds.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildExperiment } from '../engine/core/experiment';
import * as tf from '../engine/trainers/tf';
import { TfjsTrainer } from '../engine/trainers/tfjsTrainer';
import { snapshotCap } from '../settings/limits';
import { DEFAULTS, experimentConfig, type Settings } from '../settings/settings';
import { createAppStore } from './store';
import type { WorkerEvent } from '../worker/protocol';
import { TrainingSession } from '../worker/session';
import { NODE_CALIBRATION } from '../worker/sessionFixtures';

/** A model small enough that 50,000 steps take seconds. */
const TINY: Settings = { ...DEFAULTS, n: 4, K: 1, k: 1, m: 2, batch: 4 };

/** Node's collector, exposed at run time (the same as starting node with --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * A session with a fake host whose events go straight into the page's store (the page-side
 * mirror) and are not kept, so the test itself holds nothing per step.
 */
function mirrored(settings: Settings) {
  const store = createAppStore(() => undefined, settings);
  let lastProgress: Extract<WorkerEvent, { type: 'progress' }> | null = null;
  let runFile: string | null = null;
  let error: string | null = null;
  const seen = { snapshotEvents: 0, dropped: 0, maxKept: 0, ascending: true };
  const session = new TrainingSession({
    post: (event) => {
      if (event.type === 'progress') lastProgress = event;
      if (event.type === 'runFile') runFile = event.text;
      if (event.type === 'error') error = event.message;
      store.getState().receive(event);
      if (event.type === 'snapshots') {
        seen.snapshotEvents++;
        seen.dropped += event.dropped?.length ?? 0;
        const steps = store.getState().snapshots;
        seen.maxKept = Math.max(seen.maxKept, steps.length);
        for (let i = 1; i < steps.length; i++) if (steps[i].step <= steps[i - 1].step) seen.ascending = false;
      }
    },
    yieldNow: (fn) => setImmediate(fn),
    now: () => performance.now(),
  });
  void session.handle({ type: 'calibrations', records: [NODE_CALIBRATION] });
  const workerSteps = async () => {
    runFile = null;
    await session.handle({ type: 'exportRun' });
    return (JSON.parse(runFile!) as { snapshots: { step: number }[] }).snapshots.map((s) => s.step);
  };
  return { store, session, seen, workerSteps, progress: () => lastProgress, error: () => error };
}

describe('a long run', () => {
  it('keeps tf.memory().numTensors flat over thousands of tfjs cpu steps (trainer alone)', async () => {
    await tf.setBackend('cpu');
    const e = buildExperiment(experimentConfig(TINY));
    const trainer = new TfjsTrainer({ task: e.task, train: e.config.train, dataSeed: TINY.seedData, init: e.init, masks: null, startStep: 0 });
    trainer.train(20);
    trainer.params();
    trainer.lastLoss();
    const warm = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) {
      trainer.train(40);
      trainer.params();
      expect(Number.isFinite(trainer.lastLoss())).toBe(true);
    }
    expect(trainer.step).toBe(4020);
    expect(tf.memory().numTensors).toBe(warm);
    trainer.dispose();
  });

  it('keeps tf.memory().numTensors flat through a tfjs cpu session with snapshots and analysis', async () => {
    const { session, progress, error } = mirrored({ ...TINY, backend: 'cpu', steps: 3000, snapshotEvery: 5 });
    await session.handle({ type: 'configure', settings: { ...TINY, backend: 'cpu', steps: 3000, snapshotEvery: 5 } });
    expect(error()).toBeNull();
    expect(tf.getBackend()).toBe('cpu');
    await session.handle({ type: 'step', n: 50 });
    const warm = tf.memory().numTensors;
    for (let i = 0; i < 59; i++) await session.handle({ type: 'step', n: 49 + (i % 3) });
    await session.handle({ type: 'step', n: 3000 });
    expect(progress()).toMatchObject({ step: 3000, playback: 'finished' });
    await session.handle({ type: 'analyze', features: { tau: 0.4, tauOut: 0.3, r: 1, precursorNeedsReadout: false } });
    expect(tf.memory().numTensors).toBe(warm);
  });

  it('runs 50,000 steps at one snapshot per step within the cap, the page mirroring the worker, its heap flat', async () => {
    const gc = collector();
    const settings: Settings = { ...TINY, backend: 'fused-js', steps: 50_000, snapshotEvery: 1 };
    const cap = snapshotCap({ n: TINY.n, m: TINY.m, K: TINY.K });
    const { store, session, seen, workerSteps, progress } = mirrored(settings);
    await session.handle({ type: 'configure', settings });
    const heapAt = async (step: number) => {
      while (progress()!.step < step) await session.handle({ type: 'step', n: Math.min(997, step - progress()!.step) });
      gc();
      gc();
      return { heap: process.memoryUsage().heapUsed, kept: store.getState().snapshots.length };
    };
    // Both checkpoints come just after a thinning (stride 8, then 16), so about as many
    // snapshots are kept at each: 25,000 more steps may then add nothing that stays. Retaining
    // even 40 bytes per step would add a megabyte; the collector's noise is tens of kilobytes.
    const a = await heapAt(25_000);
    const b = await heapAt(50_000);
    expect(Math.abs(b.kept - a.kept)).toBeLessThan(50);
    expect(b.heap - a.heap, `heap ${a.heap} B at step 25,000, ${b.heap} B at 50,000`).toBeLessThan(2 ** 20);
    expect(progress()).toMatchObject({ step: 50_000, playback: 'finished' });
    expect(seen.maxKept).toBeLessThanOrEqual(cap);
    expect(seen.ascending).toBe(true);
    expect(seen.dropped).toBeGreaterThan(0);
    const steps = await workerSteps();
    expect(steps.length).toBeLessThanOrEqual(cap);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(50_000);
    expect(store.getState().snapshots.map((s) => s.step)).toEqual(steps);
    expect(store.getState().metrics.map((r) => r.step)).toEqual(steps);
    expect(store.getState().frames.map((f) => f.step)).toEqual(steps);
    expect(store.getState().analysis!.timeline.map((p) => p.step)).toEqual(steps);
  });
});
