import { describe, expect, it } from 'vitest';
import { generateTask } from '../engine/task';
import { DEFAULTS } from '../state/settings';
import { NO_SELECTION } from '../state/selection';
import { createAppStore } from '../state/store';
import { NO_VIEW } from '../state/viewUrl';
import type { Command, WorkerEvent } from '../worker/protocol';
import { restoreView } from './urlSync';

const size = 16 * 24 + 16 + 12 * 16 + 12;
const snap = (step: number) => ({
  step,
  data: new Float32Array(size),
  metrics: { loss: 1, balancedAccuracy: 0.5, exactMatch: 0 },
  frame: { step, dTilde: new Float32Array(16 * 12), d: new Uint8Array(16 * 12), flags: new Uint8Array(16 * 12) },
});
const progress = (step: number): WorkerEvent => ({ type: 'progress', playback: 'paused', step, stepsPerSecond: 0, trainLoss: 0.5 });

/** A store that has opened the link `view` and been answered by a fake worker up to step 0. */
function opened(view: typeof NO_VIEW) {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS);
  restoreView(store, view);
  const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
  const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
  store.getState().receive({ type: 'configured', task, settings: DEFAULTS, backend, imported: false });
  store.getState().receive({ type: 'snapshots', items: [snap(0)] });
  return { store, sent };
}

describe("a shared link's view", () => {
  const link = { ...NO_VIEW, at: 100, view: 40, row: 3, clause: 5 };

  it('trains to the link step, then scrubs to its viewed step and selects its row and clause', () => {
    const { store, sent } = opened(link);
    expect(sent.at(-1)).toEqual({ type: 'step', n: 100 });
    store.getState().receiveAll([{ type: 'snapshots', items: [snap(20), snap(40), snap(60), snap(80), snap(100)] }, progress(100)]);
    expect(store.getState().viewStep).toBe(40);
    expect(store.getState().selection).toEqual({ row: 3, clause: 5 });
  });

  it('is dropped when the reader starts the run again before it got there: a later run is not scrubbed back or selected', () => {
    const { store } = opened(link);
    store.getState().receiveAll([{ type: 'snapshots', items: [snap(20)] }, progress(20)]);
    store.getState().reset();
    store.getState().receiveAll([{ type: 'snapshots', items: [snap(0)] }, progress(0)]);
    store.getState().receiveAll([{ type: 'snapshots', items: [snap(20), snap(40), snap(60), snap(80), snap(100), snap(120)] }, progress(120)]);
    expect(store.getState().viewStep).toBeNull();
    expect(store.getState().selection).toEqual(NO_SELECTION);
  });
});
