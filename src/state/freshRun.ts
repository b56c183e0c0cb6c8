/**
 * The one definition of a fresh run: what the page throws away when a run starts again at step
 * 0 (a new configuration, Reset, an imported file, and the worker's answer to each).
 */
import type { Settings } from '../settings/settings';
import type { AppState, RunOrigin } from './appState';
import { NO_COMPARISON } from './comparison';
import { NO_LOTTERY } from './lottery';
import { NO_LAB_CLAIMS, NO_SEEDS } from './seeds';
import { NO_SELECTION } from './selection';

export interface FreshRunOptions {
  /**
   * Keep the row and clause picked (and hovered). Only for a run of the same task: Reset
   * retrains the same settings and clauses, so a selection still points at the same thing; a
   * new configuration or a file may change the rows, the clauses or what they mean.
   */
  keepSelection?: boolean;
}

/**
 * The patch that starts run `applied` afresh. Everything computed from the old run goes: its
 * snapshots, analysis and optimizer state, the lab results pruned from it (and the cached
 * comparisons of it), the guesses about it, the step viewed in it, and a fault notice about it.
 * What stays: the settings being typed, the lab forms, the speed, the panel, the tour, and the
 * last error (it is shown until the next successful configure).
 */
/** A run with nothing in it yet: no snapshot, metric, frame, analysis or optimizer state. */
export const EMPTY_RUN = { snapshots: [], metrics: [], frames: [], analysis: null, analysisFinal: false, resume: null } satisfies Partial<AppState>;

export function freshRun(applied: Settings, origin: RunOrigin, { keepSelection = false }: FreshRunOptions = {}): Partial<AppState> {
  return {
    applied,
    origin,
    ...EMPTY_RUN,
    step: 0,
    playback: 'idle',
    viewStep: null,
    ...(keepSelection ? {} : { selection: NO_SELECTION, hover: NO_SELECTION }),
    lottery: NO_LOTTERY,
    selectedTicket: null,
    comparison: NO_COMPARISON,
    selectedComparison: null,
    comparisonCache: {},
    seeds: { ...NO_SEEDS },
    labClaims: NO_LAB_CLAIMS,
    labsRecomputing: false,
    guesses: [],
    revealed: false,
    faultNotice: null,
  };
}
