/** After a change of an analysis setting, lab numbers are marked until the worker re-derives them, and the comparison cache is keyed by the analysis settings too. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import type { Command, WorkerEvent } from '../worker/protocol';
import { comparisonKey } from './labsSlice';
import { createAppStore } from './store';
import { generateTask } from '../engine/core/task';

/** A store whose worker has answered the configure and finished the dense run. */
function configuredStore() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS, []);
  const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
  const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
  store.getState().receiveAll([
    { type: 'configured', task, settings: DEFAULTS, backend, imported: false },
    { type: 'progress', playback: 'finished', step: DEFAULTS.steps, stepsPerSecond: 1000, trainLoss: 0.1 },
    { type: 'finished', step: DEFAULTS.steps },
  ]);
  return { store, sent };
}

describe('labs after a change of τ', () => {
  it('marks lab numbers as recomputing until labsRederived replaces them, and keys the cache by τ', () => {
    const { store, sent } = configuredStore();
    const s = store.getState();
    const settings = { methods: ['distance' as const], sparsities: [0.8], seeds: [DEFAULTS.seedInit] };
    s.runComparison(settings);
    const ran = sent.at(-1) as Extract<Command, { type: 'runComparison' }>;
    expect(ran.type).toBe('runComparison');
    const result = { method: 'distance', seed: DEFAULTS.seedInit, sparsity: 0.8, kept: 115, codes: [[1]], reexpression: ['same-row'] } as never;
    store.getState().receiveAll([
      { type: 'comparisonResults', results: [result], dense: [] },
      { type: 'comparisonDone', cancelled: false, message: null },
    ] as WorkerEvent[]);
    const key03 = comparisonKey(ran.settings, store.getState().applied);
    expect(Object.keys(store.getState().comparisonCache)).toEqual([key03]);

    // τ 0.3 → 0.4: analyze only (no retraining), and the labs are marked.
    store.getState().applySettings({ tau: 0.4 });
    expect(sent.at(-1)).toMatchObject({ type: 'analyze', features: { tau: 0.4 } });
    expect(store.getState().labsRecomputing).toBe(true);

    const rederived = { ...(result as object), codes: [[]], reexpression: ['lost'] } as never;
    store.getState().receive({
      type: 'labsRederived',
      features: { tau: 0.4, tauOut: 0.25, r: 1, precursorNeedsReadout: false },
      tickets: [],
      lotteryDense: [],
      comparison: [rederived],
      comparisonDense: [],
      seeds: null,
      comparisonClaims: null,
      lotteryClaims: null,
    });
    const after = store.getState();
    expect(after.labsRecomputing).toBe(false);
    expect(after.comparison.results).toEqual([rederived]);
    // The cache holds the comparison on show at its new key only: the τ 0.3 numbers are gone.
    const key04 = comparisonKey(ran.settings, after.applied);
    expect(key04).not.toBe(key03);
    expect(Object.keys(after.comparisonCache)).toEqual([key04]);
    expect(after.comparisonCache[key04].results).toEqual([rederived]);
  });

  it('marks nothing when no lab has run: there is nothing to recompute', () => {
    const { store, sent } = configuredStore();
    store.getState().applySettings({ tau: 0.4 });
    expect(sent.at(-1)).toMatchObject({ type: 'analyze' });
    expect(store.getState().labsRecomputing).toBe(false);
  });
});
