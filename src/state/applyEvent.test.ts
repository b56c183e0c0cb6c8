import { describe, expect, it } from 'vitest';
import { generateTask } from '../engine/core/task';
import { DEFAULTS } from '../settings/settings';
import { createAppStore, viewedIndex } from './store';

function setup() {
  const store = createAppStore(() => undefined, DEFAULTS);
  const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
  store.getState().receive({
    type: 'configured',
    task,
    settings: DEFAULTS,
    backend: { requested: 'auto', active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null },
    imported: false,
  });
  return store;
}

const size = 16 * 24 + 16 + 12 * 16 + 12;
const snap = (step: number) => ({
  step,
  data: new Float32Array(size).fill(step),
  metrics: { loss: 1 / (step + 1), balancedAccuracy: 0.5, exactMatch: 0 },
  frame: { step, dTilde: new Float32Array(16 * 12), d: new Uint8Array(16 * 12), flags: new Uint8Array(16 * 12) },
});

describe('the page mirroring a thinned history', () => {
  it('removes the dropped steps from snapshots, metrics and frames, then appends the new ones', () => {
    const store = setup();
    store.getState().receive({ type: 'snapshots', items: [0, 1, 2, 3, 4, 5].map(snap) });
    store.getState().receive({ type: 'snapshots', items: [snap(6)], dropped: [1, 3, 5] });
    const s = store.getState();
    expect(s.snapshots.map((x) => x.step)).toEqual([0, 2, 4, 6]);
    expect(s.metrics.map((x) => x.step)).toEqual([0, 2, 4, 6]);
    expect(s.frames.map((x) => x.step)).toEqual([0, 2, 4, 6]);
    expect(s.snapshots[2].params.W1[0]).toBe(4);
  });

  it('shows the nearest earlier kept step when the one being viewed is dropped, not the live one', () => {
    const store = setup();
    store.getState().receive({ type: 'snapshots', items: [0, 10, 20, 30].map(snap) });
    store.getState().scrubTo(10);
    store.getState().receive({ type: 'snapshots', items: [snap(40)], dropped: [10, 30] });
    expect(store.getState().snapshots[viewedIndex(store.getState())].step).toBe(0);
  });

  it('moves a lottery rewind choice that was dropped to the nearest kept step before it', () => {
    const store = setup();
    store.getState().receive({ type: 'snapshots', items: [0, 10, 20, 30].map(snap) });
    store.getState().setLotteryForm({ rewindStep: 30 });
    store.getState().receive({ type: 'snapshots', items: [snap(40)], dropped: [10, 30] });
    expect(store.getState().lotteryForm.rewindStep).toBe(20);
    store.getState().setLotteryForm({ rewindStep: 20 });
    store.getState().receive({ type: 'snapshots', items: [snap(80)], dropped: [20, 40] });
    expect(store.getState().lotteryForm.rewindStep).toBe(0);
  });
});
