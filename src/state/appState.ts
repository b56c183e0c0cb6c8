/**
 * The shape of the app's state, slice by slice: what each slice holds and which actions change
 * it. Types only, in a file of their own, so the slices, the event reducer and the store can all
 * name the whole state without importing one another.
 */
import type { LabClaimsState, SeedsState } from './seeds';
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { RunAnalysis } from '../engine/analysis/runAnalysis';
import type { MethodId } from '../engine/labs/probeComparison';
import type { Clause, MetricRow, Params, Task } from '../engine/core/types';
import type { BackendInfo, CalibrationInfo, Command, FeatureFrame, Playback, WorkerEvent } from '../worker/protocol';
import type { Draft, Errors, PresetId, SettingKey, Settings } from '../settings/settings';
import type { ComparisonForm, ComparisonState } from './comparison';
import type { LotteryForm, LotteryState } from './lottery';
import type { PanelId } from './panels';
import type { Selection } from './selection';

export interface ViewSnapshot {
  step: number;
  params: Params;
}

/**
 * Where the page stands with the training worker:
 *   connecting ──configured──▶ ready ──worker replaced, run handed over──▶ restoring ──configured──▶ ready
 *   connecting | restoring ──error (the worker could not take the run)──▶ failed ──configure──▶ connecting
 * Only `ready` trains, resets or exports; the others wait for the worker's answer.
 */
export type Connection = 'connecting' | 'ready' | 'restoring' | 'failed';

/**
 * Where the run on screen came from. `trained`: by this worker from step 0. `restored`: trained
 * by a worker that stopped and handed, as the page held it, to its replacement, which continues
 * it (the fault notice offers to). `imported`: loaded from a run file; view only until Reset
 * (a restored imported run stays `imported`).
 */
export type RunOrigin = 'trained' | 'restored' | 'imported';

/** How the store reaches the worker: a function, so tests can drive the store with a fake one. */
export type Send = (cmd: Command) => void;

/** The settings (as typed and as applied) and the run streamed from the worker. */
export interface RunFields {
  draft: Draft;
  errors: Errors;
  /** The settings the worker runs (always valid). */
  applied: Settings;
  /** Notes about settings from the URL that were ignored. */
  notices: string[];
  task: Task | null;
  /** The clauses as the user edited them (SPEC 2), sent with every configure; null = drawn from the task seed. */
  clauses: Clause[] | null;
  /** What is wrong with a clause as typed, by clause index; any blocks Play and Step like a bad setting. */
  clauseErrors: Record<number, string>;
  /** Why the edited clauses were dropped (a change of n, K, k or the task seed), until the next edit. */
  clausesNotice: string | null;
  /** Snapshots in ascending step order; the first is step 0. */
  snapshots: ViewSnapshot[];
  /** Test metrics at each snapshot, same order. */
  metrics: MetricRow[];
  /** Feature-space frame of each snapshot, same order. */
  frames: FeatureFrame[];
  /** The run's feature-space analysis as of its latest snapshot. */
  analysis: RunAnalysis | null;
  /** True once the analysis is of the finished run (outcomes final, not provisional). */
  analysisFinal: boolean;
  /** The optimizer state at the newest snapshot (from the worker), so a new worker can continue the run exactly. */
  resume: { step: number; t: number; data: Float32Array } | null;
  origin: RunOrigin;
}

export interface RunActions {
  setField(key: SettingKey, text: string): void;
  /** Sets several settings at once (one reconfigure); returns the problems, and applies nothing if there are any. */
  applySettings(patch: Partial<Settings>): Errors;
  applyPreset(id: PresetId): void;
  /** Clause `index` as typed: an error beside it, or (when it changed) a fresh run on the edited task. */
  editClause(index: number, text: string): void;
  reset(): void;
  /** Asks the worker for the run file; it arrives as a `runFile` event. */
  exportRun(): void;
  /** Hands a run file's text to the worker, which replaces the run only if the file is valid. */
  importRun(text: string): void;
}

/** The dense run's training as the worker reports it, and the speed asked of it. */
export interface PlaybackFields {
  playback: Playback;
  /** The worker's current step (may be ahead of the last snapshot while running). */
  step: number;
  stepsPerSecond: number;
  /** Training loss of the worker's last batch (NaN before the first step). */
  trainLoss: number;
  speed: number | null;
}

export interface PlaybackActions {
  play(): void;
  pause(): void;
  stepBy(n: number): void;
  setSpeed(speed: number | null): void;
  /** Shows step `step`: scrubs back to it, or trains up to it (paused) when it lies ahead. */
  seek(step: number): void;
}

/** The lottery lab and the probe comparison: their forms, their results, and the network picked from them. */
export interface LabsFields {
  lotteryForm: LotteryForm;
  lottery: LotteryState;
  /** Index into lottery.tickets of the ticket shown on the heatmaps and in feature space. */
  selectedTicket: number | null;
  comparisonForm: ComparisonForm;
  comparison: ComparisonState;
  /** Index into comparison.results of the mask shown on the heatmaps and in feature space. */
  selectedComparison: number | null;
  /** Finished comparisons of this dense run, by every setting their numbers depend on (the lab's and the analysis'): running one again is instant. */
  comparisonCache: Record<string, ComparisonState>;
  /** Claims across seeds (SPEC 8). */
  seeds: SeedsState;
  /** Claims 3-5 of the labs' results. */
  labClaims: LabClaimsState;
  /**
   * True from a change of τ, τ_out, r or the readout rule until the worker has re-derived every
   * lab number at the new settings: the views mark those numbers as being recomputed.
   */
  labsRecomputing: boolean;
}

export interface LabsActions {
  setLotteryForm(patch: Partial<LotteryForm>): void;
  /** Runs the lottery lab with the form's settings, or with `request` (the embed API). */
  runLottery(request?: { sparsities: number[]; rewindStep: number; mode: LotteryForm['mode']; seeds?: number[]; scope?: LotteryForm['scope'] }): void;
  cancelLottery(): void;
  selectTicket(index: number | null): void;
  setComparisonForm(patch: Partial<ComparisonForm>): void;
  /** Runs the comparison with the form's settings, or with `request` (the embed API). */
  runComparison(request?: { methods: MethodId[]; sparsities: number[]; seeds: number[]; lambda?: number; motionSteps?: number }): void;
  selectComparison(index: number | null): void;
  cancelComparison(): void;
  /** Claims across seeds: pools `count` seeds (the run's own first; default the form's). */
  runSeeds(count?: number): void;
  setSeedCount(count: number): void;
  cancelSeeds(): void;
}

/** What the user is looking at: the step, the row and clause, the panel. */
export interface ViewFields {
  /** The row and clause the user picked (click or keyboard), highlighted in every view. */
  selection: Selection;
  /** The row and clause under the pointer, highlighted while hovering. */
  hover: Selection;
  /** The step being looked at; null = follow the latest snapshot. */
  viewStep: number | null;
  /** The panel in view (main page) or shown (embed); null = none chosen. */
  panel: PanelId | null;
  /** True in the embed (?embed): one panel, minimal chrome, driven by the postMessage API. */
  embed: boolean;
}

export interface ViewActions {
  /** Looks at the snapshot nearest at or before `step`. */
  scrubTo(step: number): void;
  followLive(): void;
  select(selection: Partial<Selection>): void;
  setHover(selection: Selection): void;
  setPanel(panel: PanelId | null): void;
}

/** The lecture: its tour, presentation mode, and the audience's "predict, then reveal" guesses. */
export interface TeachingFields {
  /** The lecture tour's step (1-based), or null when it is closed. */
  tour: number | null;
  /** Presentation mode: larger text and marks for a projector. */
  presentation: boolean;
  /** "Will converge" guesses: precursor locations j * K + c, sorted, no repeats. */
  guesses: number[];
  /** True once the guesses were handed in: they are then locked and scored when the run ends. */
  revealed: boolean;
}

export interface TeachingActions {
  /** Opens the lecture tour at `step` (1-based), or closes it with null. */
  setTour(step: number | null): void;
  setPresentation(on: boolean): void;
  /** Adds or removes a "will converge" guess at location j * K + c (precursors only; not after reveal). */
  toggleGuess(index: number): void;
  clearGuesses(): void;
  /** Hands the guesses in and trains the run to its end, where they are scored. */
  reveal(): void;
}

/** The link to the training worker: its state, its backend, and what went wrong. */
export interface ConnectionFields {
  connection: Connection;
  backend: BackendInfo | null;
  /** Last error from the worker, shown until the next successful configure. */
  error: string | null;
  /** What a fault did to the run (e.g. the WebGL context was lost and training moved on), until the next configure or reset. */
  faultNotice: string | null;
  /** The calibration `auto` chose by (worker/calibration.ts): kept from an earlier visit, or measured by this worker. */
  calibration: CalibrationInfo | null;
  /** True from a re-measure until its calibration arrives. */
  calibrating: boolean;
}

export interface ConnectionActions {
  receive(event: WorkerEvent): void;
  /** Applies several worker events with a single state update (one render). */
  receiveAll(events: readonly WorkerEvent[]): void;
  /** Shows a problem found on the page (e.g. a file too large to read); the run stays. */
  reportError(message: string): void;
  /**
   * The worker was replaced (it died, or a step failed in it): hands the new one the run as the
   * page holds it (every snapshot and the newest one's optimizer state), so it continues from
   * the newest snapshot. A lab run that was going is stopped; its results so far stay.
   */
  recoverWorker(reason: string): void;
  /** Forgets this device's kept calibration and has the worker measure `auto`'s candidates again. */
  remeasure(): void;
}

export interface AppState extends RunFields, PlaybackFields, LabsFields, ViewFields, TeachingFields, ConnectionFields {}

export interface AppActions extends RunActions, PlaybackActions, LabsActions, ViewActions, TeachingActions, ConnectionActions {}

export type AppStore = StoreApi<AppState & AppActions>;

/** One slice of the store: it sees (and may set) the whole state, and returns its own part. */
export type Slice<T> = StateCreator<AppState & AppActions, [], [], T>;
