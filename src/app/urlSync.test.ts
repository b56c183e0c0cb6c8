/**
 * The URL and the store (urlSync.ts): the view a link records, the view a link rebuilds (train
 * to `at`, then scrub and select, once), and the throttled address-bar writes. A real store with
 * a recording fake worker; a fake window for `location` and `history`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateTask } from '../engine/core/task';
import { DEFAULTS, type Settings } from '../settings/settings';
import { createAppStore, type StoreOptions } from '../state/store';
import { NO_VIEW, type ViewState } from '../state/viewUrl';
import type { Command, WorkerEvent } from '../worker/protocol';
import { restoreView, syncUrl, viewOf } from './urlSync';

const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
const snap = (step: number, m: number) => ({
  step,
  data: new Float32Array(m * 24 + m + 12 * m + 12).fill(step),
  metrics: { loss: 1 / (step + 1), balancedAccuracy: 0.5, exactMatch: 0 },
  frame: { step, dTilde: new Float32Array(m * 12), d: new Uint8Array(m * 12), flags: new Uint8Array(m * 12) },
});

function setup(options: StoreOptions = {}) {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS, [], options);
  const receive = (...events: WorkerEvent[]) => store.getState().receiveAll(events);
  const becomeReady = (settings: Settings = store.getState().applied) => {
    receive({ type: 'configured', task, settings, backend, imported: false });
    receive({ type: 'snapshots', items: [snap(0, settings.m)] });
  };
  /** The worker trained (paused) to `step`, keeping a snapshot every 50 steps. */
  const trainedTo = (step: number, { withSnapshot = true } = {}) => {
    const m = store.getState().applied.m;
    const have = store.getState().snapshots.at(-1)?.step ?? 0;
    const steps: number[] = [];
    for (let s = have + 50; s < step; s += 50) steps.push(s);
    if (withSnapshot) steps.push(step);
    receive({ type: 'progress', playback: 'paused', step, stepsPerSecond: 1000, trainLoss: 0.2 }, { type: 'snapshots', items: steps.map((s) => snap(s, m)) });
  };
  const steps = () => sent.filter((c) => c.type === 'step');
  return { store, sent, receive, becomeReady, trainedTo, steps };
}

/** location and history as syncUrl uses them; replaceState moves the location as a browser does. */
function fakeWindow(search = '', pathname = '/lens/', hash = '') {
  const writes: string[] = [];
  const location = { search, pathname, hash };
  const history = {
    state: { kept: true },
    replaceState(state: unknown, _title: string, url: string) {
      expect(state).toBe(history.state);
      writes.push(url);
      const u = new URL(url, 'https://example.org');
      location.search = u.search;
      location.pathname = u.pathname;
      location.hash = u.hash;
    },
  };
  return { win: { location, history } as unknown as Window, writes, location };
}

const link = (v: Partial<ViewState>): ViewState => ({ ...NO_VIEW, ...v });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('viewOf', () => {
  it('records panel, trained step (none at step 0), viewed step, selection and modes', () => {
    const t = setup({ panel: 'weights' });
    expect(viewOf(t.store.getState())).toEqual(link({ panel: 'weights' }));
    t.becomeReady();
    t.trainedTo(200);
    t.store.getState().scrubTo(120);
    t.store.getState().select({ row: 3, clause: 5 });
    t.store.getState().setTour(2);
    t.store.getState().setPresentation(true);
    expect(viewOf(t.store.getState())).toEqual({ panel: 'weights', at: 200, view: 100, row: 3, clause: 5, embed: false, tour: 2, present: true, speed: null });
    expect(viewOf(setup({ embed: true }).store.getState()).embed).toBe(true);
  });
});

describe('restoreView', () => {
  it('trains to the link step once the worker is ready, then scrubs and selects, once', () => {
    const t = setup({ embed: true });
    restoreView(t.store, link({ at: 200, view: 100, row: 3, clause: 5, panel: 'features' }));
    expect(t.steps()).toEqual([]);
    t.receive({ type: 'configured', task, settings: DEFAULTS, backend, imported: false });
    expect(t.steps()).toEqual([]); // no snapshot yet
    t.receive({ type: 'snapshots', items: [snap(0, DEFAULTS.m)] });
    // In chunks (linkChunks.test.ts): 100 steps before a speed is measured, then the rest.
    expect(t.steps()).toEqual([{ type: 'step', n: 100 }]);
    t.trainedTo(100);
    expect(t.steps()).toEqual([
      { type: 'step', n: 100 },
      { type: 'step', n: 100 },
    ]);
    expect(t.store.getState().viewStep).toBeNull();
    expect(t.store.getState().selection).toEqual({ row: null, clause: null });
    // At the step, but its snapshot has not come yet: wait for it.
    t.trainedTo(200, { withSnapshot: false });
    expect(t.store.getState().viewStep).toBeNull();
    t.receive({ type: 'snapshots', items: [snap(200, DEFAULTS.m)] });
    expect(t.store.getState().viewStep).toBe(100);
    expect(t.store.getState().selection).toEqual({ row: 3, clause: 5 });
    // Done: the reader's own changes are not undone, and nothing more is trained.
    t.store.getState().followLive();
    t.store.getState().select({ row: 7, clause: null });
    t.trainedTo(300);
    expect(t.store.getState().viewStep).toBeNull();
    expect(t.store.getState().selection).toEqual({ row: 7, clause: null });
    expect(t.steps()).toHaveLength(2);
  });

  it('a link with no step to train to restores the view as soon as step 0 is there', () => {
    const t = setup({ embed: true });
    restoreView(t.store, link({ view: 0, row: 1 }));
    t.becomeReady();
    expect(t.steps()).toEqual([]);
    expect(t.store.getState().viewStep).toBe(0);
    expect(t.store.getState().selection).toEqual({ row: 1, clause: null });
  });

  it('opens the tour and presentation mode at once; its return value stops waiting', () => {
    const t = setup({ embed: true });
    const stop = restoreView(t.store, link({ at: 200, row: 2, tour: 3, present: true }));
    expect(t.store.getState().tour).toBe(3);
    expect(t.store.getState().presentation).toBe(true);
    stop();
    t.becomeReady();
    t.trainedTo(200);
    expect(t.steps()).toEqual([]);
    expect(t.store.getState().selection).toEqual({ row: null, clause: null });
  });

  it('does not recurse: its own scrub and select, which update the store, do not restore again', () => {
    const t = setup({ embed: true });
    const scrub = vi.spyOn(t.store.getState(), 'scrubTo');
    const select = vi.spyOn(t.store.getState(), 'select');
    restoreView(t.store, link({ at: 100, view: 50, row: 0, clause: 0 }));
    t.becomeReady();
    t.trainedTo(100);
    t.trainedTo(150);
    expect(scrub).toHaveBeenCalledTimes(1);
    expect(select).toHaveBeenCalledTimes(1);
  });

  it('is given up when the run is reconfigured or reset before it reaches the link step', () => {
    const t = setup({ embed: true });
    restoreView(t.store, link({ at: 200, view: 100, row: 3 }));
    t.becomeReady();
    t.trainedTo(100);
    t.store.getState().applySettings({ m: 20 });
    t.becomeReady({ ...DEFAULTS, m: 20 });
    t.trainedTo(400);
    expect(t.store.getState().viewStep).toBeNull();
    expect(t.store.getState().selection).toEqual({ row: null, clause: null });

    const r = setup({ embed: true });
    restoreView(r.store, link({ at: 200, view: 100 }));
    r.becomeReady();
    r.trainedTo(100);
    r.store.getState().reset();
    r.receive({ type: 'snapshots', items: [snap(0, DEFAULTS.m)] });
    r.trainedTo(400);
    expect(r.store.getState().viewStep).toBeNull();
    expect(r.steps()).toEqual([
      { type: 'step', n: 100 },
      { type: 'step', n: 100 },
    ]);
  });

  it('keeps waiting through a worker restart, which keeps the run', () => {
    const t = setup({ embed: true });
    restoreView(t.store, link({ at: 200, view: 100 }));
    t.becomeReady();
    t.trainedTo(100);
    t.store.getState().recoverWorker('test');
    t.receive({ type: 'configured', task, settings: DEFAULTS, backend, imported: false, restored: true });
    t.trainedTo(200);
    expect(t.store.getState().viewStep).toBe(100);
  });

  it("on the main page jumps to the link's panel two frames after the view is restored; not in the embed", () => {
    const frames: (() => void)[] = [];
    const scrolled: unknown[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    vi.stubGlobal('window', { matchMedia: () => ({ matches: false }) });
    vi.stubGlobal('document', { getElementById: (id: string) => ({ scrollIntoView: (o: unknown) => scrolled.push([id, o]) }) });
    const t = setup();
    restoreView(t.store, link({ at: 50, panel: 'lottery' }));
    t.becomeReady();
    t.trainedTo(50);
    frames.shift()!();
    expect(scrolled).toEqual([]);
    frames.shift()!();
    expect(scrolled).toEqual([['panel-lottery', { behavior: 'auto', block: 'start' }]]);
    expect(frames).toEqual([]);

    const e = setup({ embed: true });
    restoreView(e.store, link({ at: 50, panel: 'lottery' }));
    e.becomeReady();
    e.trainedTo(50);
    expect(frames).toEqual([]);
  });

  it('without animation frames (not a browser) restores the view and skips the jump', () => {
    const t = setup({ panel: 'features' });
    restoreView(t.store, link({ view: 0, panel: 'features' }));
    expect(() => t.becomeReady()).not.toThrow();
    expect(t.store.getState().viewStep).toBe(0);
  });
});

describe('syncUrl', () => {
  it('writes at most every 500 ms, the latest view, keeping other parameters, the path and the hash', () => {
    vi.useFakeTimers();
    const t = setup();
    const w = fakeWindow('?utm=mail', '/lens/', '#fig');
    syncUrl(t.store, w.win);
    t.becomeReady();
    for (const row of [1, 2, 3]) {
      t.store.getState().select({ row });
      vi.advanceTimersByTime(100);
    }
    expect(w.writes).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(w.writes).toEqual(['/lens/?utm=mail&row=3#fig']);
    t.trainedTo(200);
    t.store.getState().scrubTo(120);
    vi.advanceTimersByTime(499);
    expect(w.writes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(w.writes).toEqual(['/lens/?utm=mail&row=3#fig', '/lens/?utm=mail&at=200&view=100&row=3#fig']);
  });

  it('does not write when the address already says it', () => {
    vi.useFakeTimers();
    const t = setup();
    const w = fakeWindow('?row=2');
    syncUrl(t.store, w.win);
    t.becomeReady();
    t.store.getState().select({ row: 2 });
    vi.advanceTimersByTime(1000);
    t.store.getState().select({ row: 4 });
    t.store.getState().select({ row: 2 });
    vi.advanceTimersByTime(1000);
    expect(w.writes).toEqual([]);
  });

  it('clears the query when the view returns to the defaults', () => {
    vi.useFakeTimers();
    const t = setup({ panel: 'features' });
    const w = fakeWindow('?panel=features', '/lens/', '#x');
    syncUrl(t.store, w.win);
    t.becomeReady();
    t.store.getState().setPanel(null);
    vi.advanceTimersByTime(500);
    expect(w.writes).toEqual(['/lens/#x']);
  });

  it('waits while a new configuration is on its way, then writes its settings', () => {
    vi.useFakeTimers();
    const t = setup();
    const w = fakeWindow('?at=300');
    syncUrl(t.store, w.win);
    t.becomeReady();
    t.trainedTo(300);
    t.store.getState().applySettings({ m: 20 });
    vi.advanceTimersByTime(3000);
    // Not ready: its step 0 is not the run's; the old address stays.
    expect(w.writes).toEqual([]);
    t.becomeReady({ ...DEFAULTS, m: 20 });
    vi.advanceTimersByTime(500);
    expect(w.writes).toEqual(['/lens/?m=20']);
  });

  it('its return value stops it, a pending write included', () => {
    vi.useFakeTimers();
    const t = setup();
    const w = fakeWindow();
    const stop = syncUrl(t.store, w.win);
    t.becomeReady();
    t.store.getState().select({ clause: 1 });
    stop();
    vi.advanceTimersByTime(2000);
    t.store.getState().select({ clause: 2 });
    vi.advanceTimersByTime(2000);
    expect(w.writes).toEqual([]);
  });
});
