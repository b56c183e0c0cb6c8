/**
 * The app's state: settings (as typed and as applied), the run streamed from the worker, and
 * what the user is looking at. Views read it with selectors; only actions change it.
 *
 * The store does not know about Worker objects: it is given a `send` function, so tests can
 * drive it with a fake worker.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MetricRow, Params, Task } from '../engine/types';
import { unpackParams, type BackendInfo, type Command, type Playback, type WorkerEvent } from '../worker/protocol';
import { presetSettings, toDraft, validate, type Draft, type Errors, type PresetId, type SettingKey, type Settings } from './settings';

export interface ViewSnapshot {
  step: number;
  params: Params;
}

/** Speeds offered in the UI, in steps per second; null = as fast as it goes. */
export const SPEEDS: readonly (number | null)[] = [10, 100, 1000, null];

export interface AppState {
  draft: Draft;
  errors: Errors;
  /** The settings the worker runs (always valid). */
  applied: Settings;
  /** Notes about settings from the URL that were ignored. */
  notices: string[];
  playback: Playback;
  /** The worker's current step (may be ahead of the last snapshot while running). */
  step: number;
  stepsPerSecond: number;
  backend: BackendInfo | null;
  task: Task | null;
  /** Snapshots in ascending step order; the first is step 0. */
  snapshots: ViewSnapshot[];
  /** Test metrics at each snapshot, same order. */
  metrics: MetricRow[];
  /** The step being looked at; null = follow the latest snapshot. */
  viewStep: number | null;
  speed: number | null;
  /** Last error from the worker, shown until the next successful configure. */
  error: string | null;
  /** True once the worker has answered the first configure. */
  ready: boolean;
}

export interface AppActions {
  setField(key: SettingKey, text: string): void;
  applyPreset(id: PresetId): void;
  play(): void;
  pause(): void;
  stepBy(n: number): void;
  setSpeed(speed: number | null): void;
  reset(): void;
  /** Looks at the snapshot nearest at or before `step`. */
  scrubTo(step: number): void;
  followLive(): void;
  receive(event: WorkerEvent): void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export function createAppStore(send: (cmd: Command) => void, initial: Settings, notices: string[] = []): AppStore {
  const store = createStore<AppState & AppActions>()((set, get) => {
    const configure = (settings: Settings) => {
      set({ applied: settings, ready: false, snapshots: [], metrics: [], step: 0, viewStep: null });
      send({ type: 'configure', settings });
    };
    const canRun = () => Object.keys(get().errors).length === 0 && get().ready;
    return {
      draft: toDraft(initial),
      errors: {},
      applied: initial,
      notices,
      playback: 'idle',
      step: 0,
      stepsPerSecond: 0,
      backend: null,
      task: null,
      snapshots: [],
      metrics: [],
      viewStep: null,
      speed: 1000,
      error: null,
      ready: false,

      setField(key, text) {
        const draft = { ...get().draft, [key]: text };
        const { settings, errors } = validate(draft);
        set({ draft, errors });
        if (Object.keys(errors).length === 0 && !sameSettings(settings, get().applied)) configure(settings);
      },
      applyPreset(id) {
        const settings = { ...presetSettings(id), backend: get().applied.backend };
        set({ draft: toDraft(settings), errors: {} });
        configure(settings);
      },
      play() {
        if (!canRun()) return;
        set({ viewStep: null });
        send({ type: 'play' });
      },
      pause() {
        send({ type: 'pause' });
      },
      stepBy(n) {
        if (!canRun()) return;
        set({ viewStep: null });
        send({ type: 'step', n });
      },
      setSpeed(speed) {
        set({ speed });
        send({ type: 'speed', stepsPerSecond: speed });
      },
      reset() {
        if (!get().ready) return;
        set({ snapshots: [], metrics: [], viewStep: null, step: 0 });
        send({ type: 'reset' });
      },
      scrubTo(step) {
        const snaps = get().snapshots;
        if (snaps.length === 0) return;
        set({ viewStep: snaps[nearestIndex(snaps, step)].step });
      },
      followLive() {
        set({ viewStep: null });
      },
      receive(event) {
        switch (event.type) {
          case 'configured':
            if (!sameSettings(event.settings, get().applied)) return; // an older configure's answer
            set({ task: event.task, backend: event.backend, error: null, ready: true });
            send({ type: 'speed', stepsPerSecond: get().speed });
            return;
          case 'snapshots': {
            const task = get().task;
            if (!task || !get().ready) return;
            const { n, K } = task.config;
            const m = get().applied.m;
            const snapshots = get().snapshots.slice();
            const metrics = get().metrics.slice();
            for (const item of event.items) {
              if (item.step === 0) {
                snapshots.length = 0;
                metrics.length = 0;
              }
              // Snapshots arrive in step order; a halt may repeat the last stride step.
              while (snapshots.length > 0 && snapshots[snapshots.length - 1].step >= item.step) {
                snapshots.pop();
                metrics.pop();
              }
              snapshots.push({ step: item.step, params: unpackParams(item.data, n, m, K) });
              metrics.push({ step: item.step, ...item.metrics });
            }
            set({ snapshots, metrics });
            return;
          }
          case 'progress':
            if (!get().ready) return;
            set({ playback: event.playback, step: event.step, stepsPerSecond: event.stepsPerSecond });
            return;
          case 'finished':
            set({ playback: 'finished', step: event.step });
            return;
          case 'error':
            set({ error: event.message });
            return;
        }
      },
    };
  });
  return store;
}

function sameSettings(a: Settings, b: Settings): boolean {
  return (Object.keys(a) as SettingKey[]).every((k) => a[k] === b[k]);
}

/** Index of the last snapshot with step <= `step` (binary search; the first if none). */
export function nearestIndex(snaps: readonly { step: number }[], step: number): number {
  let lo = 0;
  let hi = snaps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (snaps[mid].step <= step) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The snapshot on screen: the one at `viewStep`, or the latest. */
export function viewedIndex(s: Pick<AppState, 'snapshots' | 'viewStep'>): number {
  if (s.snapshots.length === 0) return -1;
  return s.viewStep === null ? s.snapshots.length - 1 : nearestIndex(s.snapshots, s.viewStep);
}
