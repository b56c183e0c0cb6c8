/**
 * The embed API at run time (runtime.ts), driven as an article would drive it: a fake window
 * whose parent records what the page posts, a real app store whose worker is a function that
 * records commands, and worker events fed in with `store.getState().receive`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METHOD_IDS } from '../engine/probes/methodIds';
import { generateTask } from '../engine/core/task';
import { DEFAULTS, type Settings } from '../settings/settings';
import { createAppStore } from '../state/store';
import type { Command, WorkerEvent } from '../worker/protocol';
import type { ApiEvent } from './messages';
import { startApi } from './runtime';

const ORIGIN = 'https://article.example';

interface Posted {
  data: unknown;
  origin: string;
}

/** A window as startApi uses it: 'message' listeners, a parent that records posts, postMessage. */
function fakeWindow(embedded: boolean) {
  const handlers: ((e: MessageEvent) => void)[] = [];
  const parentPosts: Posted[] = [];
  const selfPosts: Posted[] = [];
  const parent = { postMessage: (data: unknown, origin: string) => parentPosts.push({ data, origin }) };
  const win: Record<string, unknown> = {
    addEventListener: (type: string, h: (e: MessageEvent) => void) => type === 'message' && handlers.push(h),
    removeEventListener: (type: string, h: (e: MessageEvent) => void) => {
      const i = handlers.indexOf(h);
      if (type === 'message' && i >= 0) handlers.splice(i, 1);
    },
    postMessage: (data: unknown, origin: string) => selfPosts.push({ data, origin }),
  };
  win.parent = embedded ? parent : win;
  /** Delivers a message as the browser would: data, the sending window and its origin. */
  const dispatch = (data: unknown, source: unknown = win.parent, origin = ORIGIN) => {
    for (const h of handlers.slice()) h({ data, source, origin } as unknown as MessageEvent);
  };
  return { win: win as unknown as Window, parentPosts, selfPosts, handlers, dispatch };
}

const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
const configured = (settings: Settings = DEFAULTS): WorkerEvent => ({ type: 'configured', task, settings, backend, imported: false });
const snap = (step: number, m = DEFAULTS.m, balancedAccuracy = 0.5) => ({
  step,
  data: new Float32Array(m * 24 + m + 12 * m + 12).fill(step),
  metrics: { loss: 1 / (step + 1), balancedAccuracy, exactMatch: 0 },
  frame: { step, dTilde: new Float32Array(m * 12), d: new Uint8Array(m * 12), flags: new Uint8Array(m * 12) },
});
const snapshots = (steps: number[], m = DEFAULTS.m): WorkerEvent => ({ type: 'snapshots', items: steps.map((s) => snap(s, m)) });
const progress = (step: number, playback: 'running' | 'paused' = 'running', trainLoss = 0.25): WorkerEvent => ({
  type: 'progress',
  playback,
  step,
  stepsPerSecond: 1000,
  trainLoss,
});

function setup({ embedded = true, embed = true }: { embedded?: boolean; embed?: boolean } = {}) {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS, [], { embed, panel: 'features' });
  const w = fakeWindow(embedded);
  const runtime = startApi(store, w.win);
  const events = () => w.parentPosts.map((p) => p.data as ApiEvent);
  const ofType = <T extends ApiEvent['type']>(type: T) => events().filter((e): e is Extract<ApiEvent, { type: T }> => e.type === type);
  /** Posts a command from the embedding page. */
  const command = (c: Record<string, unknown>) => w.dispatch({ lotteryLens: 1, ...c });
  /** The worker answers the configure and sends step 0: the store is ready. */
  const becomeReady = (settings: Settings = store.getState().applied) => {
    store.getState().receive(configured(settings));
    store.getState().receive(snapshots([0], settings.m));
  };
  /** The worker trained (paused) to `step`, keeping a snapshot every 50 steps. */
  const trainedTo = (step: number) => {
    const have = store.getState().snapshots.at(-1)?.step ?? 0;
    const steps = [];
    for (let s = have + 50; s < step; s += 50) steps.push(s);
    store.getState().receiveAll([progress(step, 'paused'), snapshots([...steps, step])]);
  };
  const commandsOf = (type: Command['type']) => sent.filter((c) => c.type === type);
  return { store, sent, runtime, ...w, events, ofType, command, becomeReady, trainedTo, commandsOf };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the embed API at run time', () => {
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
    expect(t.sent.filter((c) => c.type !== 'speed')).toEqual([
      { type: 'configure', settings: { ...DEFAULTS, m: 20 } },
      { type: 'step', n: 10 },
      { type: 'exportRun' },
    ]);
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
    expect(t.ofType('error').map((e) => e.message)).toEqual([
      'The dense run has finished; send reset to train it again.',
      'The dense run has finished; send reset to train it again.',
    ]);
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

  it('runLottery on an unfinished run trains it to the end, then runs one ticket (one-shot when imp is false)', () => {
    const t = setup();
    t.becomeReady();
    t.trainedTo(100);
    t.sent.length = 0;
    t.command({ type: 'runLottery', sparsity: 0.8, rewindStep: 50, imp: false });
    expect(t.sent).toEqual([{ type: 'step', n: DEFAULTS.steps - 100 }]);
    t.store.getState().receiveAll([progress(DEFAULTS.steps, 'paused'), snapshots([DEFAULTS.steps]), { type: 'finished', step: DEFAULTS.steps }]);
    expect(t.sent.slice(1)).toEqual([
      { type: 'runLottery', settings: { mode: 'oneshot', scope: 'global', sparsities: [0.8], rewindStep: 50, seeds: [DEFAULTS.seedInit] } },
    ]);
    expect(t.ofType('finished')).toEqual([{ lotteryLens: 1, type: 'finished', phase: 'dense' }]);
    expect(t.store.getState().lottery.status).toBe('running');
    // The lab's end is announced too.
    t.store.getState().receive({ type: 'lotteryDone', cancelled: false, message: null });
    expect(t.ofType('finished').map((e) => e.phase)).toEqual(['dense', 'lottery']);
    // On the finished run, a second one runs at once; imp defaults to iterative.
    t.sent.length = 0;
    t.command({ type: 'runLottery', sparsity: 0.5, rewindStep: 0 });
    expect(t.sent).toEqual([{ type: 'runLottery', settings: { mode: 'imp', scope: 'global', sparsities: [0.5], rewindStep: 0, seeds: [DEFAULTS.seedInit] } }]);
    // A lab the worker refuses is an error.
    t.store.getState().receive({ type: 'lotteryDone', cancelled: true, message: 'Rewind step 7 has no kept snapshot.' });
    expect(t.ofType('error').map((e) => e.message)).toEqual(['Rewind step 7 has no kept snapshot.']);
  });

  it('runLottery while the dense run plays waits for its end without sending a step', () => {
    const t = setup();
    t.becomeReady();
    t.store.getState().receive(progress(40, 'running'));
    t.sent.length = 0;
    t.command({ type: 'runLottery', sparsity: 0.9, rewindStep: 0 });
    expect(t.sent).toEqual([]);
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    expect(t.sent.map((c) => c.type)).toEqual(['runLottery']);
  });

  it('a lab run waiting for the dense run is dropped with an error when the run is reconfigured or reset first', () => {
    const dropped = 'A lab run waiting for the dense run was dropped: the run was reset or its settings changed first.';
    const t = setup();
    t.becomeReady();
    t.command({ type: 'runLottery', sparsity: 0.9, rewindStep: 0 });
    t.command({ type: 'setSettings', settings: { seedInit: 7 } });
    expect(t.ofType('error').map((e) => e.message)).toEqual([dropped]);
    t.becomeReady({ ...DEFAULTS, seedInit: 7 });
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    expect(t.commandsOf('runLottery')).toEqual([]);

    const r = setup();
    r.becomeReady();
    r.trainedTo(100);
    r.command({ type: 'runComparison', methods: ['distance'], sparsities: [0.5], seeds: [1] });
    r.command({ type: 'reset' });
    expect(r.ofType('error').map((e) => e.message)).toEqual([dropped]);
    r.store.getState().receive(snapshots([0]));
    r.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    expect(r.commandsOf('runComparison')).toEqual([]);
  });

  it('a lab run waiting for the dense run survives a worker restart: the restored run is trained on to the end', () => {
    const t = setup();
    t.becomeReady();
    t.trainedTo(100);
    t.command({ type: 'runLottery', sparsity: 0.9, rewindStep: 0 });
    t.sent.length = 0;
    // The step to the end failed in the worker; the page replaces it and restores the run.
    t.store.getState().recoverWorker('a training step failed');
    expect(t.sent.map((c) => c.type)).toEqual(['restore']);
    t.store.getState().receive({ ...configured(), restored: true } as WorkerEvent);
    expect(t.ofType('error')).toEqual([]);
    expect(t.commandsOf('step')).toEqual([{ type: 'step', n: DEFAULTS.steps }]);
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    expect(t.commandsOf('runLottery')).toHaveLength(1);
  });

  it('runComparison answers finished also when the same comparison is shown again from the cache', () => {
    const t = setup();
    t.becomeReady();
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    const request = { type: 'runComparison', methods: ['distance', 'random'], sparsities: [0.5, 0.8], seeds: [2] };
    t.command(request);
    expect(t.commandsOf('runComparison')).toHaveLength(1);
    expect(t.commandsOf('runComparison')[0]).toMatchObject({ settings: { methods: ['distance', 'random'], sparsities: [0.5, 0.8], seeds: [2] } });
    t.store.getState().receive({ type: 'comparisonDone', cancelled: false, message: null });
    expect(t.ofType('finished').map((e) => e.phase)).toEqual(['dense', 'comparison']);
    // Asked again: nothing to compute, but the article still hears that it is done.
    t.command(request);
    expect(t.commandsOf('runComparison')).toHaveLength(1);
    expect(t.ofType('finished').map((e) => e.phase)).toEqual(['dense', 'comparison', 'comparison']);
  });

  it("exportRun: the worker's run file comes back as a run event; a file nobody asked for is not taken", () => {
    const t = setup();
    t.becomeReady();
    expect(t.runtime.takeRunFile('{"format":"x"}')).toBe(false);
    expect(t.ofType('run')).toEqual([]);
    t.sent.length = 0;
    t.command({ type: 'exportRun' });
    expect(t.sent).toEqual([{ type: 'exportRun' }]);
    const file = { format: 'lottery-lens-run', version: 1, steps: [0, 50] };
    expect(t.runtime.takeRunFile(JSON.stringify(file))).toBe(true);
    expect(t.ofType('run')).toEqual([{ lotteryLens: 1, type: 'run', data: file }]);
    // One request, one file: the next goes to the page (a download).
    expect(t.runtime.takeRunFile(JSON.stringify(file))).toBe(false);
    expect(t.ofType('run')).toHaveLength(1);
    t.command({ type: 'exportRun' });
    expect(t.runtime.takeRunFile('{not json')).toBe(true);
    expect(t.ofType('error').map((e) => e.message)).toEqual(['exportRun: the run file could not be read back.']);
  });

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
    expect(strangerPosts).toEqual([
      { data: { lotteryLens: 1, type: 'error', message: 'Ignored: Lottery Lens takes commands only from the page that embeds it.' }, origin: 'https://evil.example' },
    ]);
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
