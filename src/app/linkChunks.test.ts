/**
 * A shared link trains to its step in chunks (urlSync.ts), so the page can show progress and
 * time left from the measured speed: chunk sizes, the progress callback, and the cases where a
 * chunk never comes back (a worker restart) or the reader takes over (Play).
 */
import { describe, expect, it } from 'vitest';
import { generateTask } from '../engine/core/task';
import { DEFAULTS } from '../settings/settings';
import { createAppStore } from '../state/store';
import { NO_VIEW } from '../state/viewUrl';
import type { Command, WorkerEvent } from '../worker/protocol';
import { chunkSize, restoreView } from './urlSync';

const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
const m = DEFAULTS.m;
const snap = (step: number) => ({
  step,
  data: new Float32Array(m * 24 + m + 12 * m + 12).fill(step),
  metrics: { loss: 1 / (step + 1), balancedAccuracy: 0.5, exactMatch: 0 },
  frame: { step, dTilde: new Float32Array(m * 12), d: new Uint8Array(m * 12), flags: new Uint8Array(m * 12) },
});

function setup(at: number) {
  const sent: Command[] = [];
  const targets: (number | null)[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS, [], { embed: true });
  const receive = (...events: WorkerEvent[]) => store.getState().receiveAll(events);
  restoreView(store, { ...NO_VIEW, at }, (t) => targets.push(t));
  receive({ type: 'configured', task, settings: DEFAULTS, backend, imported: false }, { type: 'snapshots', items: [snap(0)] });
  const trainedTo = (step: number, rate: number) => receive({ type: 'progress', playback: 'paused', step, stepsPerSecond: rate, trainLoss: 0.2 }, { type: 'snapshots', items: [snap(step)] });
  const steps = () => sent.flatMap((c) => (c.type === 'step' ? [c.n] : []));
  return { store, receive, trainedTo, steps, targets };
}

describe('chunkSize', () => {
  it('is a quarter second at the measured speed, in whole snapshot strides, never past the step', () => {
    expect(chunkSize(3000, 0, 20)).toBe(100);
    expect(chunkSize(3000, 1000, 20)).toBe(240);
    expect(chunkSize(3000, 30, 20)).toBe(20);
    expect(chunkSize(50, 1000, 20)).toBe(50);
    expect(chunkSize(10_000, 2000, 1)).toBe(500);
  });
});

describe('a link trained in chunks', () => {
  it('asks for the next chunk as each one comes back, and reports its target until it is there', () => {
    const t = setup(600);
    expect(t.targets).toEqual([600]);
    expect(t.steps()).toEqual([100]);
    t.trainedTo(100, 800);
    expect(t.steps()).toEqual([100, 200]);
    t.trainedTo(300, 800);
    t.trainedTo(500, 800);
    expect(t.steps()).toEqual([100, 200, 200, 100]);
    t.trainedTo(600, 800);
    expect(t.targets).toEqual([600, null]);
    expect(t.steps()).toHaveLength(4);
  });

  it('asks again after a worker restart, which forgets the chunk in flight', () => {
    const t = setup(400);
    t.trainedTo(100, 800);
    expect(t.steps()).toEqual([100, 200]);
    t.store.getState().recoverWorker('test');
    t.receive({ type: 'configured', task, settings: DEFAULTS, backend, imported: false, restored: true });
    expect(t.steps()).toEqual([100, 200, 200]);
  });

  it('leaves a run the reader set going alone, and still restores the view at the step', () => {
    const t = setup(400);
    t.receive({ type: 'progress', playback: 'running', step: 150, stepsPerSecond: 800, trainLoss: 0.2 });
    expect(t.steps()).toEqual([100]);
    t.receive({ type: 'progress', playback: 'running', step: 450, stepsPerSecond: 800, trainLoss: 0.2 }, { type: 'snapshots', items: [snap(440)] });
    expect(t.targets).toEqual([400, null]);
    expect(t.steps()).toEqual([100]);
  });
});
