import { describe, expect, it } from 'vitest';
import { generateTask } from '../engine/core/task';
import type { Command, WorkerEvent } from '../worker/protocol';
import { DEFAULTS } from '../settings/settings';
import { createAppStore, labSeeds, nearestIndex, viewedIndex } from './store';

function setup() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS);
  const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
  const configured: WorkerEvent = {
    type: 'configured',
    task,
    settings: DEFAULTS,
    backend: { requested: 'auto', active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null },
    imported: false,
  };
  store.getState().receive(configured);
  return { store, sent };
}

const size = 16 * 24 + 16 + 12 * 16 + 12;
const frame = (step: number) => ({ step, dTilde: new Float32Array(16 * 12), d: new Uint8Array(16 * 12), flags: new Uint8Array(16 * 12) });
const snap = (step: number) => ({
  step,
  data: new Float32Array(size).fill(step),
  metrics: { loss: 1 / (step + 1), balancedAccuracy: 0.5, exactMatch: 0 },
  frame: frame(step),
});

describe('the app store', () => {
  it('blocks Play and Step while a setting is invalid, and shows the message', () => {
    const { store, sent } = setup();
    sent.length = 0;
    store.getState().setField('m', '0');
    expect(store.getState().errors.m).toBe('Must be between 1 and 128.');
    store.getState().play();
    store.getState().stepBy(10);
    expect(sent).toEqual([]);
  });

  it('sends a valid change to the worker as a new configuration, and only then', () => {
    const { store, sent } = setup();
    sent.length = 0;
    store.getState().setField('m', '20');
    expect(sent).toEqual([{ type: 'configure', settings: { ...DEFAULTS, m: 20 } }]);
    store.getState().setField('m', '20 ');
    expect(sent).toHaveLength(1);
  });

  it('re-analyses without retraining when only a feature-space setting changes', () => {
    const { store, sent } = setup();
    sent.length = 0;
    store.getState().setField('r', '2');
    store.getState().setField('tau', '0.4');
    expect(sent).toEqual([
      { type: 'analyze', features: { tau: 0.3, tauOut: 0.25, r: 2, precursorNeedsReadout: false } },
      { type: 'analyze', features: { tau: 0.4, tauOut: 0.25, r: 2, precursorNeedsReadout: false } },
    ]);
    expect(store.getState().applied).toMatchObject({ r: 2, tau: 0.4 });
    store.getState().setField('r', '4');
    expect(store.getState().errors.r).toBe('Must be at most k (3).');
    expect(sent).toHaveLength(2);
  });

  it('ignores the answer to an outdated configuration', () => {
    const { store } = setup();
    store.getState().setField('m', '20');
    expect(store.getState().connection).toBe('connecting');
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
    store.getState().receive({ type: 'configured', task, settings: DEFAULTS, backend: store.getState().backend!, imported: false });
    expect(store.getState().connection).toBe('connecting');
  });

  it('keeps snapshots in step order, replacing a repeated step, and restarting at step 0', () => {
    const { store } = setup();
    store.getState().receive({ type: 'snapshots', items: [snap(0), snap(20), snap(40)] });
    store.getState().receive({ type: 'snapshots', items: [snap(40), snap(47)] });
    expect(store.getState().snapshots.map((s) => s.step)).toEqual([0, 20, 40, 47]);
    expect(store.getState().metrics.map((m) => m.step)).toEqual([0, 20, 40, 47]);
    expect(store.getState().snapshots[1].params.W1[0]).toBe(20);
    store.getState().receive({ type: 'snapshots', items: [snap(0)] });
    expect(store.getState().snapshots.map((s) => s.step)).toEqual([0]);
  });

  it('scrubs to the snapshot at or before a step, and follows live again on request', () => {
    const { store } = setup();
    store.getState().receive({ type: 'snapshots', items: [snap(0), snap(20), snap(40)] });
    expect(viewedIndex(store.getState())).toBe(2);
    store.getState().scrubTo(33);
    expect(store.getState().viewStep).toBe(20);
    expect(viewedIndex(store.getState())).toBe(1);
    store.getState().receive({ type: 'snapshots', items: [snap(60)] });
    expect(viewedIndex(store.getState())).toBe(1);
    store.getState().followLive();
    expect(viewedIndex(store.getState())).toBe(3);
  });

  it('finds the nearest earlier snapshot by binary search', () => {
    const snaps = [0, 20, 40, 47, 60].map((step) => ({ step }));
    expect([-5, 0, 19, 20, 46, 47, 59, 1000].map((s) => nearestIndex(snaps, s))).toEqual([0, 0, 0, 1, 2, 3, 3, 4]);
  });

  it('a backend change after a lost context updates the badge and shows its notice until the next run', () => {
    const { store } = setup();
    store.getState().receive({ type: 'snapshots', items: [snap(0), snap(20)] });
    const backend = { requested: 'webgl' as const, active: 'wasm', reason: 'The WebGL context was lost', renderer: null, softwareWebGL: null };
    store.getState().receive({ type: 'backendChanged', backend, message: 'The WebGL context was lost at step 25; training continues on wasm from the snapshot at step 20; no step was lost.' });
    expect(store.getState().backend).toEqual(backend);
    expect(store.getState().faultNotice).toMatch(/from the snapshot at step 20/);
    expect(store.getState().snapshots.map((s) => s.step)).toEqual([0, 20]);
    store.getState().receive({ type: 'configured', task: store.getState().task!, settings: DEFAULTS, backend, imported: false });
    expect(store.getState().faultNotice).toBeNull();
  });

  it('a restored configuration keeps every snapshot, metric and frame on the page, and is told the speed', () => {
    const { store, sent } = setup();
    store.getState().receive({ type: 'snapshots', items: [snap(0), snap(20), snap(40)] });
    const before = store.getState();
    sent.length = 0;
    const backend = { requested: 'auto' as const, active: 'fused-wasm', reason: 'restored', renderer: null, softwareWebGL: null };
    store.getState().receive({ type: 'configured', task: before.task!, settings: DEFAULTS, backend, imported: false, restored: true });
    const after = store.getState();
    expect(after.snapshots).toBe(before.snapshots);
    expect(after.metrics).toBe(before.metrics);
    expect(after.frames).toBe(before.frames);
    expect(after.backend).toEqual(backend);
    expect(sent).toEqual([{ type: 'speed', stepsPerSecond: before.speed }]);
  });

  it('Reset after a worker restart drops the restart notice and its Continue offer: they were about the old run', () => {
    const { store, sent } = setup();
    store.getState().receive({ type: 'snapshots', items: [snap(0), snap(20)] });
    store.getState().recoverWorker('it stopped answering for 10 s');
    expect(sent.at(-1)).toMatchObject({ type: 'restore', snapshots: [{ step: 0 }, { step: 20 }] });
    const backend = { requested: 'auto' as const, active: 'fused-wasm', reason: 'restored', renderer: null, softwareWebGL: null };
    store.getState().receive({ type: 'configured', task: store.getState().task!, settings: DEFAULTS, backend, imported: false, restored: true });
    expect(store.getState()).toMatchObject({ origin: 'restored', faultNotice: expect.stringMatching(/restored from its newest snapshot, step 20/) });
    store.getState().reset();
    expect(store.getState()).toMatchObject({ origin: 'trained', faultNotice: null });
    expect(sent.at(-1)).toEqual({ type: 'reset' });
  });

  it("an imported run, once Reset, is a run trained here: no view-only badge, and a worker restart restores it trainable on the file's clauses", () => {
    const { store, sent } = setup();
    const task = store.getState().task!;
    const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
    store.getState().receive({ type: 'configured', task, settings: DEFAULTS, backend, imported: true });
    store.getState().receive({ type: 'snapshots', items: [snap(0), snap(3000)] });
    expect(store.getState().origin).toBe('imported');
    store.getState().reset();
    expect(store.getState().origin).toBe('trained');
    store.getState().receiveAll([
      { type: 'snapshots', items: [snap(0), snap(20)] },
      { type: 'progress', playback: 'paused', step: 20, stepsPerSecond: 0, trainLoss: 0.5 },
    ]);
    store.getState().recoverWorker('it stopped answering for 10 s');
    expect(sent.at(-1)).toMatchObject({ type: 'restore', imported: false, playback: 'paused', clauses: task.clauses });
    expect(store.getState().faultNotice).toMatch(/restored from its newest snapshot, step 20/);
  });

  it("gives a lab the run's init seed and the next ones, wrapping past 2^31 - 1 to 0 (the worker refuses larger seeds)", () => {
    expect(labSeeds(2, 3)).toEqual([2, 3, 4]);
    expect(labSeeds(2, 0)).toEqual([2]);
    expect(labSeeds(2 ** 31 - 2, 4)).toEqual([2 ** 31 - 2, 2 ** 31 - 1, 0, 1]);
  });
});
