/**
 * The app's state: settings (as typed and as applied), the run streamed from the worker, and
 * what the user is looking at. Views read it with selectors; only actions change it.
 *
 * The store does not know about Worker objects: it is given a `send` function, so tests can
 * drive it with a fake worker. It is composed of slices, one file each:
 *   run (runSlice.ts)               settings, task, snapshots, metrics, frames, analysis, origin
 *   playback (playbackSlice.ts)     playback, step, rate, loss, speed
 *   labs (labsSlice.ts)             lottery lab and probe comparison: forms, results, picks
 *   view (viewSlice.ts)             selection, hover, viewed step, panel, embed
 *   teaching (teachingSlice.ts)     tour, presentation, guesses
 *   connection (connectionSlice.ts) the worker link: its state, backend, errors, recovery
 * The state's shape is in appState.ts; what a fresh run drops, in freshRun.ts.
 */
import { createStore } from 'zustand/vanilla';
import type { Clause } from '../engine/core/types';
import type { Settings } from '../settings/settings';
import type { AppActions, AppState, AppStore, Send } from './appState';
import type { KeyValueStorage } from './calibrationCache';
import { DEFAULT_SPEED } from '../settings/speed';
import { createConnectionSlice } from './connectionSlice';
import { createLabsSlice } from './labsSlice';
import { createPlaybackSlice } from './playbackSlice';
import { createRunSlice } from './runSlice';
import { createTeachingSlice } from './teachingSlice';
import { createViewSlice, type ViewOptions } from './viewSlice';

export type { AppActions, AppState, AppStore, Connection, RunOrigin, ViewSnapshot } from './appState';
export type { Selection } from './selection';
export { SPEEDS } from './playbackSlice';
export { hasProblems } from './runSlice';
export { labSeeds, networkLabel, selectedNetwork } from './labsSlice';
export { nearestIndex, viewedIndex } from './viewSlice';

export interface StoreOptions extends ViewOptions {
  /** Edited clauses to start with (a shared link's); null or absent = the task seed's. */
  clauses?: Clause[] | null;
  /** Where `auto`'s measured calibrations are kept (localStorage on the page); absent keeps none. */
  storage?: KeyValueStorage | null;
  /** The speed to start at, steps/s (a link's `speed`; null = max); absent: DEFAULT_SPEED. */
  speed?: number | null;
}

export function createAppStore(send: Send, initial: Settings, notices: string[] = [], options: StoreOptions = {}): AppStore {
  return createStore<AppState & AppActions>()((...a) => ({
    ...createRunSlice(send, initial, notices, options.clauses ?? null)(...a),
    ...createPlaybackSlice(send, options.speed === undefined ? DEFAULT_SPEED : options.speed)(...a),
    ...createLabsSlice(send)(...a),
    ...createViewSlice(options)(...a),
    ...createTeachingSlice()(...a),
    ...createConnectionSlice(send, options.storage ?? null)(...a),
  }));
}
