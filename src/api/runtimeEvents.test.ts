/** The embed API at run time: events (progress, rate limits), who may talk to it, window.lotteryLens, show and dispose. */
import type { WorkerEvent } from '../worker/protocol';
import type { ApiEvent } from './messages';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { ORIGIN, progress, setup, type Posted } from './runtimeFixtures';

afterEach(() => {
  vi.useRealTimers();
});

describe('the embed API at run time: events and windows', () => {
  it('sends progress at most 4 times a second, the latest values last, and none after finished', () => {
    vi.useFakeTimers();
    const t = setup();
    t.becomeReady();
    for (let step = 1; step <= 40; step++) {
      t.store.getState().receive(progress(step * 10, 'running', 1 / step));
      vi.advanceTimersByTime(25);
    }
    vi.advanceTimersByTime(300);
    const sent = t.ofType('progress');
    // 1 s of updates every 25 ms: 4 or 5 (the first at once, then one per 250 ms), not 40.
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.length).toBeLessThanOrEqual(5);
    expect(sent.at(-1)).toEqual({ lotteryLens: 1, type: 'progress', phase: 'dense', step: 400, loss: 1 / 40, balancedAccuracy: 0.5 });
    // A progress still waiting when the run finishes is dropped: finished is the last word.
    t.store.getState().receive(progress(410, 'running'));
    t.store.getState().receive(progress(420, 'running'));
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    vi.advanceTimersByTime(2000);
    const after = t.events().slice(t.events().indexOf(sent.at(-1)!) + 1);
    expect(after.map((e) => e.type)).toEqual(['progress', 'finished']);
    expect(after[0]).toMatchObject({ phase: 'dense', step: DEFAULTS.steps });
    expect(after[1]).toEqual({ lotteryLens: 1, type: 'finished', phase: 'dense' });
  });

  it('reports lottery progress by the lab step, rate-limited, and announces ready only once', () => {
    vi.useFakeTimers();
    const t = setup();
    t.becomeReady();
    t.command({ type: 'setSettings', settings: { m: 8 } });
    t.becomeReady({ ...DEFAULTS, m: 8 });
    expect(t.ofType('ready')).toHaveLength(1);
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    t.command({ type: 'runLottery', sparsity: 0.5, rewindStep: 0 });
    vi.advanceTimersByTime(1000);
    const before = t.ofType('progress').length;
    for (let i = 1; i <= 10; i++) {
      const p = { done: i, total: 10, phase: 'round 1', phaseIndex: 1, phases: 2, step: i * 100 };
      t.store.getState().receive({ type: 'lotteryProgress', progress: p, etaSeconds: 1 } as WorkerEvent);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(500);
    const lab = t.ofType('progress').slice(before);
    expect(lab.length).toBeLessThanOrEqual(2);
    expect(lab.at(-1)).toEqual({ lotteryLens: 1, type: 'progress', phase: 'lottery', step: 1000, loss: null, balancedAccuracy: 0.5 });
  });

  it('answers a message from another window with error on that window, and runs nothing', () => {
    const t = setup();
    t.becomeReady();
    t.sent.length = 0;
    t.parentPosts.length = 0;
    const strangerPosts: Posted[] = [];
    const stranger = { postMessage: (data: unknown, origin: string) => strangerPosts.push({ data, origin }) };
    t.dispatch({ lotteryLens: 1, type: 'step', n: 5 }, stranger, 'https://evil.example');
    expect(t.sent).toEqual([]);
    expect(t.parentPosts).toEqual([]);
    expect(strangerPosts).toEqual([{ data: { lotteryLens: 1, type: 'error', message: 'Ignored: Lottery Lens takes commands only from the page that embeds it.' }, origin: 'https://evil.example' }]);
    // Another script's message (no lotteryLens key) is none of our business, from anyone.
    t.dispatch({ type: 'step', n: 5 }, stranger, 'https://evil.example');
    expect(strangerPosts).toHaveLength(1);
    // A message the page posted to itself is not a command either.
    t.dispatch({ lotteryLens: 1, type: 'play' }, t.win, ORIGIN);
    expect(t.sent).toEqual([]);
    expect(t.selfPosts).toEqual([]);
    expect(t.ofType('error').map((e) => e.message)).toEqual(['Ignored: a message the app posted to itself is not a command; use window.lotteryLens.send.']);
  });

  it("ignores the parent's messages without the lotteryLens key, and names the problem of a malformed one", () => {
    const t = setup();
    t.becomeReady();
    t.parentPosts.length = 0;
    t.sent.length = 0;
    t.dispatch({ type: 'step', n: 5 });
    t.dispatch('step');
    t.dispatch(null);
    expect(t.parentPosts).toEqual([]);
    expect(t.sent).toEqual([]);
    t.dispatch({ lotteryLens: 1, type: 'step', n: 0 });
    expect(t.sent).toEqual([]);
    expect(t.parentPosts).toEqual([{ data: { lotteryLens: 1, type: 'error', message: 'step: n must be a whole number from 1 to 50000.' }, origin: ORIGIN }]);
  });

  it("sends events to any origin until the parent has sent a valid command, then to the parent's origin only", () => {
    const t = setup();
    t.becomeReady();
    expect(t.parentPosts.map((p) => p.origin)).toEqual(['*']);
    t.command({ type: 'getState' });
    expect(t.parentPosts.at(-1)!.origin).toBe(ORIGIN);
    t.store.getState().reportError('A file too large.');
    expect(t.parentPosts.at(-1)).toEqual({ data: { lotteryLens: 1, type: 'error', message: 'A file too large.' }, origin: ORIGIN });
  });

  it('window.lotteryLens: send runs commands, on listens by type or to all, and its return value stops listening', () => {
    const t = setup({ embedded: false, embed: false });
    t.becomeReady();
    const errors: ApiEvent[] = [];
    const all: ApiEvent[] = [];
    const offErrors = t.runtime.api.on('error', (e) => errors.push(e));
    const offAll = t.runtime.api.on('*', (e) => all.push(e));
    t.runtime.api.send({ lotteryLens: 1, type: 'getState' });
    t.runtime.api.send({ lotteryLens: 1, type: 'step', n: -1 });
    expect(all.map((e) => e.type)).toEqual(['state', 'error']);
    expect(errors).toHaveLength(1);
    offErrors();
    offErrors(); // twice is harmless, and leaves the other listener alone
    t.runtime.api.send({ lotteryLens: 1, type: 'select', row: 999 });
    expect(errors).toHaveLength(1);
    expect(all.map((e) => e.type)).toEqual(['state', 'error', 'error']);
    offAll();
    t.runtime.api.send({ lotteryLens: 1, type: 'getState' });
    expect(all).toHaveLength(3);
    // Not in a frame: nothing goes to a parent (the page is its own parent).
    expect(t.selfPosts).toEqual([]);
  });

  it('show switches the panel; dispose stops listening to messages and to the store', () => {
    const t = setup();
    t.becomeReady();
    t.command({ type: 'show', panel: 'lottery' });
    expect(t.store.getState().panel).toBe('lottery');
    t.runtime.dispose();
    expect(t.handlers).toEqual([]);
    t.parentPosts.length = 0;
    t.store.getState().reportError('after dispose');
    expect(t.parentPosts).toEqual([]);
  });
});
