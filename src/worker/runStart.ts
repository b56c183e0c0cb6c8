/**
 * What a new run on show starts from. A run begins in three ways (a fresh run on configure or
 * Reset, a run file's import, a restore after a crash) that share one startRun in the session
 * and differ only in what is described here.
 */
import type { Experiment } from '../engine/core/experiment';
import type { Params } from '../engine/core/types';
import type { OptimizerState } from '../engine/trainers/trainer';
import type { Settings } from '../settings/settings';
import type { PlaybackEvent } from './playback';
import type { WorkerEvent } from './protocol';

export type StartSnapshot = { step: number; params: Params };

/** Where a new run's snapshots (and so its trainer) come from. */
export type RunSource =
  /** Configure or Reset: a trainer at step 0 from the initial weights; its snapshot is captured and sent. */
  | { kind: 'fresh' }
  /** Import: a run file's snapshots, each kept and sent to the page; no trainer (view only). */
  | { kind: 'file'; snapshots: readonly StartSnapshot[] }
  /**
   * Restore: the page's snapshots, kept but not sent (the page has them). The trainer continues
   * from the last one with `resume`, the optimizer state there, else by retraining up to it.
   */
  | { kind: 'page'; snapshots: readonly StartSnapshot[]; resume: OptimizerState | null };

export interface RunStart {
  settings: Settings;
  experiment: Experiment;
  source: RunSource;
  /** From a run file: view only until Reset retrains it. */
  imported: boolean;
  /** The playback the run starts in: reset (idle), import (finished) or restore. */
  playback: Extract<PlaybackEvent, { type: 'reset' | 'import' | 'restore' }>;
  /**
   * The `configured` event that announces it, if any: none for Reset (configure sends its own
   * first), plain for an import, `restored` for a restore.
   */
  announce: 'none' | 'configured' | 'restored';
}

/** What the commands that replace the run (import, restore) need of the session. */
export interface RunStarter {
  /** The settings of the run on show (null before the first configure). */
  settings(): Settings | null;
  post(event: WorkerEvent): void;
  /** A new run's generation begins: slices of the run on show stop. Returns it. */
  nextGeneration(): number;
  /** Whether `generation` is still the newest (nothing replaced the run or moved it meanwhile). */
  isCurrent(generation: number): boolean;
  /** Activates the backend `settings` ask for, unless it is the one running. */
  ensureBackend(settings: Settings): Promise<void>;
  /** Drops the labs of the run on show without a word. */
  clearLabs(): void;
  startRun(start: RunStart): void;
}
