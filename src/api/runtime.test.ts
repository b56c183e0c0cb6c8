/**
 * The embed API at run time (runtime.ts), driven as an article would drive it: a fake window
 * whose parent records what the page posts, a real app store whose worker is a function that
 * records commands, and worker events fed in with `store.getState().receive`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METHOD_IDS } from '../engine/probes/methodIds';
import { DEFAULTS } from '../settings/settings';
import { progress, setup } from './runtimeFixtures';

afterEach(() => {
  vi.useRealTimers();
});

describe('the embed API at run time: playback, settings and selection', () => {
  it('keeps commands sent before the figure is ready, then runs them in order', () => {
    const t = setup();
    t.command({ type: 'step', n: 5 });
    t.command({ type: 'select', row: 2 });
    t.command({ type: 'getState' });
    t.command({ type: 'step', n: 7 });
    expect(t.sent).toEqual([]);
    expect(t.events()).toEqual([]);
    t.becomeReady();
    expect(t.commandsOf('step')).toEqual([
      { type: 'step', n: 5 },
      { type: 'step', n: 7 },
    ]);
    expect(t.events().map((e) => e.type)).toEqual(['ready', 'state']);
    // The selection ran before getState answered.
    expect(t.ofType('state')[0].selection).toEqual({ row: 2, clause: null });
  });

  it('a queued command behind a queued setSettings waits for the new configuration', () => {
    const t = setup();
    t.command({ type: 'setSettings', settings: { m: 20 } });
    t.command({ type: 'step', n: 10 });
    t.command({ type: 'exportRun' });
    t.command({ type: 'getState' });
    t.becomeReady(DEFAULTS);
    expect(t.sent.filter((c) => c.type !== 'speed')).toEqual([{ type: 'configure', settings: { ...DEFAULTS, m: 20 } }]);
    expect(t.ofType('state')).toEqual([]);
    t.becomeReady({ ...DEFAULTS, m: 20 });
    expect(t.sent.filter((c) => c.type !== 'speed')).toEqual([{ type: 'configure', settings: { ...DEFAULTS, m: 20 } }, { type: 'step', n: 10 }, { type: 'exportRun' }]);
    expect(t.ofType('state').map((e) => e.settings.m)).toEqual([20]);
  });

  it('answers getState with phase, step, backend, settings, metrics and the method ids', () => {
    const t = setup();
    t.becomeReady();
    t.trainedTo(120);
    t.command({ type: 'getState' });
    const [state] = t.ofType('state');
    expect(state).toMatchObject({
      lotteryLens: 1,
      phase: 'idle',
      step: 120,
      backend: 'fused-js',
      settings: DEFAULTS,
      metrics: { loss: 1 / 121, balancedAccuracy: 0.5, exactMatch: 0 },
      methods: [...METHOD_IDS],
      playback: 'paused',
      viewStep: null,
      panel: 'features',
      selection: { row: null, clause: null },
    });
    // A copy: the article cannot change the store's settings through it.
    expect(state.settings).not.toBe(t.store.getState().applied);
    t.store.getState().receive(progress(130, 'running'));
    t.command({ type: 'getState' });
    expect(t.ofType('state')[1]).toMatchObject({ phase: 'dense', step: 130, playback: 'running' });
  });

  it('speed {stepsPerSecond} sets the store’s speed, as the Speed control does: the worker is told, state reports it; null is max', () => {
    const t = setup();
    t.becomeReady();
    t.command({ type: 'getState' });
    t.command({ type: 'speed', stepsPerSecond: 200 });
    t.command({ type: 'getState' });
    t.command({ type: 'speed', stepsPerSecond: null });
    t.command({ type: 'getState' });
    expect(t.ofType('state').map((e) => e.speed)).toEqual([1000, 200, null]);
    expect(t.commandsOf('speed').slice(-2)).toEqual([
      { type: 'speed', stepsPerSecond: 200 },
      { type: 'speed', stepsPerSecond: null },
    ]);
    expect(t.store.getState().speed).toBeNull();
  });

  it('step {n} sends step to the worker; after the run has finished it answers error', () => {
    const t = setup();
    t.becomeReady();
    t.sent.length = 0;
    t.command({ type: 'step', n: 25 });
    expect(t.sent).toEqual([{ type: 'step', n: 25 }]);
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    t.sent.length = 0;
    t.command({ type: 'step', n: 25 });
    t.command({ type: 'play' });
    expect(t.sent).toEqual([]);
    expect(t.ofType('error').map((e) => e.message)).toEqual(['The dense run has finished; send reset to train it again.', 'The dense run has finished; send reset to train it again.']);
  });

  it('seek trains up to a step beyond the trained one, scrubs to one within it, and refuses one past the run', () => {
    const t = setup();
    t.becomeReady();
    t.trainedTo(200);
    t.sent.length = 0;
    t.command({ type: 'seek', step: 120 });
    expect(t.sent).toEqual([]);
    expect(t.store.getState().viewStep).toBe(100);
    t.command({ type: 'seek', step: 500 });
    expect(t.sent).toEqual([{ type: 'step', n: 300 }]);
    expect(t.store.getState().viewStep).toBeNull();
    t.command({ type: 'seek', step: DEFAULTS.steps + 1 });
    expect(t.sent).toHaveLength(1);
    expect(t.ofType('error').map((e) => e.message)).toEqual([`seek: step ${DEFAULTS.steps + 1} is beyond the run's last step (${DEFAULTS.steps}).`]);
  });

  it('setSettings is all or nothing: a bad value sends nothing and answers one error; a good one configures once', () => {
    const t = setup();
    t.becomeReady();
    t.sent.length = 0;
    // Each value is valid alone, but r may not exceed k (3): nothing changes, m included.
    t.command({ type: 'setSettings', settings: { m: 20, r: 4 } });
    expect(t.sent).toEqual([]);
    expect(t.ofType('error')).toHaveLength(1);
    expect(t.ofType('error')[0].message).toMatch(/^setSettings: nothing was changed\. r: /);
    expect(t.store.getState().applied).toEqual(DEFAULTS);
    expect(t.store.getState().draft.m).toBe(String(DEFAULTS.m));
    // A value bad alone is refused before the store sees it.
    t.command({ type: 'setSettings', settings: { m: 0 } });
    expect(t.sent).toEqual([]);
    expect(t.ofType('error')).toHaveLength(2);
    t.command({ type: 'setSettings', settings: { m: 20, k: 4 } });
    expect(t.sent).toEqual([{ type: 'configure', settings: { ...DEFAULTS, m: 20, k: 4 } }]);
    expect(t.ofType('error')).toHaveLength(2);
  });

  it('select refuses a row or clause outside the current m and K, and changes nothing', () => {
    const t = setup();
    t.becomeReady();
    t.command({ type: 'select', row: DEFAULTS.m });
    t.command({ type: 'select', row: 1, clause: DEFAULTS.K });
    expect(t.ofType('error').map((e) => e.message)).toEqual([`select: row must be below m (${DEFAULTS.m}).`, `select: clause must be below K (${DEFAULTS.K}).`]);
    expect(t.store.getState().selection).toEqual({ row: null, clause: null });
    t.command({ type: 'select', row: DEFAULTS.m - 1, clause: 3 });
    t.command({ type: 'select', clause: null });
    expect(t.store.getState().selection).toEqual({ row: DEFAULTS.m - 1, clause: null });
    // The range follows the settings in force.
    t.command({ type: 'setSettings', settings: { m: 4 } });
    t.becomeReady({ ...DEFAULTS, m: 4 });
    t.command({ type: 'select', row: 4 });
    expect(t.ofType('error').at(-1)!.message).toBe('select: row must be below m (4).');
    expect(t.ofType('error')).toHaveLength(3);
  });
});
