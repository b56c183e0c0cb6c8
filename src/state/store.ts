/**
 * The app's state: settings (as typed and as applied), the run streamed from the worker, and
 * what the user is looking at. Views read it with selectors; only actions change it.
 *
 * The store does not know about Worker objects: it is given a `send` function, so tests can
 * drive it with a fake worker.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunAnalysis } from '../engine/analysis/runAnalysis';
import type { TicketResult } from '../engine/labs/lotteryExperiment';
import type { ComparisonResult, MethodId } from '../engine/labs/probeComparison';
import type { MetricRow, Params, Task } from '../engine/core/types';
import type { BackendInfo, Command, FeatureFrame, Playback, WorkerEvent } from '../worker/protocol';
import { applyEvent } from './applyEvent';
import { packParams } from '../engine/core/params';
import { DEFAULT_COMPARISON_FORM, NO_COMPARISON, type ComparisonForm, type ComparisonState } from './comparison';
import { DEFAULT_LOTTERY_FORM, NO_LOTTERY, type LotteryForm, type LotteryState } from './lottery';
import { NO_SELECTION, type Selection } from './selection';
import type { PanelId } from './panels';
import { toggled } from './guesses';
import {
  differsOnlyInAnalysis,
  featureSettings,
  presetSettings,
  sameSettings,
  toDraft,
  validate,
  type Draft,
  type Errors,
  type PresetId,
  type SettingKey,
  type Settings,
} from '../settings/settings';

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
  /** Training loss of the worker's last batch (NaN before the first step). */
  trainLoss: number;
  backend: BackendInfo | null;
  task: Task | null;
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
  /** The row and clause the user picked (click or keyboard), highlighted in every view. */
  selection: Selection;
  /** The row and clause under the pointer, highlighted while hovering. */
  hover: Selection;
  /** The step being looked at; null = follow the latest snapshot. */
  viewStep: number | null;
  speed: number | null;
  /** Last error from the worker, shown until the next successful configure. */
  error: string | null;
  /** What a fault did to the run (e.g. the WebGL context was lost and training moved on), until the next configure or reset. */
  faultNotice: string | null;
  /** True after a crashed worker was replaced and the run restored: the notice offers to continue. */
  restored: boolean;
  /** The optimizer state at the newest snapshot (from the worker), so a new worker can continue the run exactly. */
  resume: { step: number; t: number; data: Float32Array } | null;
  /** True once the worker has answered the first configure. */
  ready: boolean;
  /** True when the run on screen was loaded from a run file (view only until Reset). */
  imported: boolean;
  lotteryForm: LotteryForm;
  lottery: LotteryState;
  /** Index into lottery.tickets of the ticket shown on the heatmaps and in feature space. */
  selectedTicket: number | null;
  comparisonForm: ComparisonForm;
  comparison: ComparisonState;
  /** Index into comparison.results of the mask shown on the heatmaps and in feature space. */
  selectedComparison: number | null;
  /** Finished comparisons of this dense run, by their settings: running one again is instant. */
  comparisonCache: Record<string, ComparisonState>;
  /** The panel in view (main page) or shown (embed); null = none chosen. */
  panel: PanelId | null;
  /** True in the embed (?embed): one panel, minimal chrome, driven by the postMessage API. */
  embed: boolean;
  /** The lecture tour's step (1-based), or null when it is closed. */
  tour: number | null;
  /** Presentation mode: larger text and marks for a projector. */
  presentation: boolean;
  /** "Will converge" guesses: precursor locations j * K + c, sorted, no repeats. */
  guesses: number[];
  /** True once the guesses were handed in: they are then locked and scored when the run ends. */
  revealed: boolean;
}

export type { Selection };

export interface AppActions {
  setField(key: SettingKey, text: string): void;
  /** Sets several settings at once (one reconfigure); returns the problems, and applies nothing if there are any. */
  applySettings(patch: Partial<Settings>): Errors;
  applyPreset(id: PresetId): void;
  play(): void;
  pause(): void;
  stepBy(n: number): void;
  setSpeed(speed: number | null): void;
  reset(): void;
  /** Looks at the snapshot nearest at or before `step`. */
  scrubTo(step: number): void;
  /** Shows step `step`: scrubs back to it, or trains up to it (paused) when it lies ahead. */
  seek(step: number): void;
  followLive(): void;
  select(selection: Partial<Selection>): void;
  setHover(selection: Selection): void;
  receive(event: WorkerEvent): void;
  /** Applies several worker events with a single state update (one render). */
  receiveAll(events: readonly WorkerEvent[]): void;
  /** Asks the worker for the run file; it arrives as a `runFile` event. */
  exportRun(): void;
  /** Hands a run file's text to the worker, which replaces the run only if the file is valid. */
  importRun(text: string): void;
  /** Shows a problem found on the page (e.g. a file too large to read); the run stays. */
  reportError(message: string): void;
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
  setPanel(panel: PanelId | null): void;
  /**
   * The worker was replaced (it died, or a step failed in it): hands the new one the run as the
   * page holds it (every snapshot and the newest one's optimizer state), so it continues from
   * the newest snapshot. A lab run that was going is stopped; its results so far stay.
   */
  recoverWorker(reason: string): void;
  /** Opens the lecture tour at `step` (1-based), or closes it with null. */
  setTour(step: number | null): void;
  setPresentation(on: boolean): void;
  /** Adds or removes a "will converge" guess at location j * K + c (precursors only; not after reveal). */
  toggleGuess(index: number): void;
  clearGuesses(): void;
  /** Hands the guesses in and trains the run to its end, where they are scored. */
  reveal(): void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export interface StoreOptions {
  embed?: boolean;
  panel?: PanelId | null;
}

export function createAppStore(send: (cmd: Command) => void, initial: Settings, notices: string[] = [], options: StoreOptions = {}): AppStore {
  const store = createStore<AppState & AppActions>()((set, get) => {
    const configure = (settings: Settings) => {
      const previous = get().applied;
      if (get().ready && differsOnlyInAnalysis(settings, previous)) {
        set({ applied: settings });
        send({ type: 'analyze', features: featureSettings(settings) });
        return;
      }
      set({
        applied: settings, ready: false, snapshots: [], metrics: [], frames: [], analysis: null, step: 0, viewStep: null,
        selection: NO_SELECTION, hover: NO_SELECTION, lottery: NO_LOTTERY, selectedTicket: null, comparison: NO_COMPARISON, selectedComparison: null, comparisonCache: {},
        guesses: [], revealed: false, playback: 'idle', analysisFinal: false,
      });
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
      trainLoss: NaN,
      backend: null,
      task: null,
      snapshots: [],
      metrics: [],
      frames: [],
      analysis: null,
      analysisFinal: false,
      selection: NO_SELECTION,
      hover: NO_SELECTION,
      viewStep: null,
      speed: 1000,
      error: null,
      faultNotice: null,
      restored: false,
      resume: null,
      ready: false,
      imported: false,
      lotteryForm: DEFAULT_LOTTERY_FORM,
      lottery: NO_LOTTERY,
      selectedTicket: null,
      comparisonForm: DEFAULT_COMPARISON_FORM,
      comparison: NO_COMPARISON,
      selectedComparison: null,
      comparisonCache: {},
      panel: options.panel ?? null,
      embed: options.embed ?? false,
      tour: null,
      presentation: false,
      guesses: [],
      revealed: false,

      setField(key, text) {
        const draft = { ...get().draft, [key]: text };
        const { settings, errors } = validate(draft);
        set({ draft, errors });
        if (Object.keys(errors).length === 0 && !sameSettings(settings, get().applied)) configure(settings);
      },
      applySettings(patch) {
        const draft = { ...get().draft };
        for (const [key, value] of Object.entries(patch)) draft[key as SettingKey] = String(value);
        const { settings, errors } = validate(draft);
        if (Object.keys(errors).length > 0) return errors;
        set({ draft, errors });
        if (!sameSettings(settings, get().applied)) configure(settings);
        return {};
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
        // A new run at step 0, trained here (an imported run's too: the worker retrains it with the
        // file's clauses); a fault notice about the old one (and its Continue offer) goes too.
        set({ snapshots: [], metrics: [], frames: [], analysis: null, viewStep: null, step: 0, lottery: NO_LOTTERY, selectedTicket: null, comparison: NO_COMPARISON, selectedComparison: null, comparisonCache: {}, guesses: [], revealed: false, playback: 'idle', analysisFinal: false, faultNotice: null, restored: false, imported: false });
        send({ type: 'reset' });
      },
      scrubTo(step) {
        const snaps = get().snapshots;
        if (snaps.length === 0) return;
        set({ viewStep: snaps[nearestIndex(snaps, step)].step });
      },
      seek(step) {
        const { step: trained, playback } = get();
        if (step <= trained || playback === 'finished') get().scrubTo(step);
        else get().stepBy(step - trained);
      },
      followLive() {
        set({ viewStep: null });
      },
      exportRun() {
        // The ε the page judges the lottery's tickets by goes into the file with them.
        if (get().ready) send(get().lottery.tickets.length > 0 ? { type: 'exportRun', eps: get().lotteryForm.eps } : { type: 'exportRun' });
      },
      importRun(text) {
        send({ type: 'importRun', text });
      },
      reportError(message) {
        set({ error: message });
      },
      setLotteryForm(patch) {
        set({ lotteryForm: { ...get().lotteryForm, ...patch } });
      },
      runLottery(request) {
        const { lotteryForm: f, applied, playback } = get();
        if (playback !== 'finished') return;
        const seeds = request?.seeds ?? labSeeds(applied.seedInit, f.seedCount);
        const { mode, sparsities, rewindStep } = request ?? f;
        set({ lottery: { ...NO_LOTTERY, status: 'running' }, selectedTicket: null });
        send({ type: 'runLottery', settings: { mode, scope: request?.scope ?? f.scope, sparsities, rewindStep, seeds } });
      },
      cancelLottery() {
        if (get().lottery.status === 'running') send({ type: 'cancelLottery' });
      },
      selectTicket(index) {
        set({ selectedTicket: index, selectedComparison: null });
      },
      setComparisonForm(patch) {
        set({ comparisonForm: { ...get().comparisonForm, ...patch } });
      },
      runComparison(request) {
        const { comparisonForm: f, applied, playback, comparisonCache } = get();
        if (playback !== 'finished') return;
        const seeds = request?.seeds ?? labSeeds(applied.seedInit, f.seedCount);
        const { methods, sparsities } = request ?? f;
        const settings = { methods, sparsities, seeds, lambda: request?.lambda ?? f.lambda, motionSteps: request?.motionSteps ?? f.motionSteps };
        const cached = comparisonCache[JSON.stringify(settings)];
        if (cached) {
          set({ comparison: cached, selectedComparison: null });
          return;
        }
        set({ comparison: { ...NO_COMPARISON, status: 'running', startedAt: performance.now(), key: JSON.stringify(settings) }, selectedComparison: null });
        send({ type: 'runComparison', settings });
      },
      selectComparison(index) {
        set({ selectedComparison: index, selectedTicket: null });
      },
      cancelComparison() {
        if (get().comparison.status === 'running') send({ type: 'cancelComparison' });
      },
      recoverWorker(reason) {
        const s = get();
        const stopped = 'It was stopped when the training worker restarted; the results so far are kept.';
        const labs: Partial<AppState> = {};
        if (s.lottery.status === 'running') labs.lottery = { ...s.lottery, status: 'cancelled', message: stopped, etaSeconds: null };
        if (s.comparison.status === 'running') labs.comparison = { ...s.comparison, status: 'cancelled', message: stopped, etaSeconds: null };
        const last = s.snapshots.at(-1);
        if (!s.ready || !last || !s.task) {
          // Nothing trained yet: start the same configuration afresh.
          set({ ...labs, faultNotice: `The training worker stopped (${reason}) before the run began; it was restarted.`, restored: false });
          send({ type: 'configure', settings: s.applied });
          return;
        }
        const resume = s.resume && s.resume.step === last.step && !s.imported ? s.resume : null;
        set({
          ...labs,
          ready: false,
          restored: true,
          faultNotice: s.imported
            ? `The training worker stopped (${reason}). It was restarted and the imported run was restored; nothing was lost.`
            : `The training worker stopped (${reason}). It was restarted and the run restored from its newest snapshot, step ${last.step}; the timeline and results so far are intact.`,
        });
        send({
          type: 'restore',
          settings: s.applied,
          snapshots: s.snapshots.map((snap) => ({ step: snap.step, data: packParams(snap.params) })),
          resume,
          imported: s.imported,
          playback: s.playback,
          // Always: a reset imported run trains on the file's clauses, which its seed would not draw.
          clauses: s.task.clauses,
        });
      },
      setPanel(panel) {
        if (get().panel !== panel) set({ panel });
      },
      setTour(step) {
        set({ tour: step === null || !Number.isFinite(step) ? null : Math.max(1, Math.round(step)) });
      },
      setPresentation(on) {
        set({ presentation: on });
      },
      toggleGuess(index) {
        const { revealed, analysis, task, applied, guesses } = get();
        const K = task?.clauses.length ?? applied.K;
        if (revealed || !Number.isInteger(index) || index < 0 || index >= applied.m * K) return;
        if (analysis && !analysis.precursors.some((p) => p.row * K + p.clause === index)) return;
        set({ guesses: toggled(guesses, index) });
      },
      clearGuesses() {
        set({ guesses: [], revealed: false });
      },
      reveal() {
        if (get().revealed || get().guesses.length === 0) return;
        set({ revealed: true });
        if (get().playback !== 'finished') get().play();
      },
      select(selection) {
        set({ selection: { ...get().selection, ...selection } });
      },
      setHover(selection) {
        const h = get().hover;
        if (h.row !== selection.row || h.clause !== selection.clause) set({ hover: selection });
      },
      receive(event) {
        get().receiveAll([event]);
      },
      receiveAll(events) {
        // Fold every event into one patch, so a burst of worker messages renders once.
        const base = get();
        const patch: Partial<AppState> = {};
        const replies: Command[] = [];
        for (const event of events) {
          const r = applyEvent({ ...base, ...patch }, event);
          Object.assign(patch, r.patch);
          if (r.reply) replies.push(r.reply);
        }
        if (Object.keys(patch).length > 0) set(patch);
        replies.forEach(send);
      },
    };
  });
  return store;
}


/**
 * The seeds a lab form's "Seeds" count stands for: the run's init seed, then the next ones (at
 * least one), wrapping past the largest seed 2^31 - 1 to 0 so every one is a valid seed.
 */
export function labSeeds(seedInit: number, count: number): number[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => (seedInit + i) % 2 ** 31);
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

/**
 * The sparse network picked for display (a lottery ticket or a comparison mask), or null.
 * Returns the stored object itself, so selectors stay stable between renders.
 */
export function selectedNetwork(s: AppState): TicketResult | ComparisonResult | null {
  if (s.selectedTicket !== null) return s.lottery.tickets[s.selectedTicket] ?? null;
  if (s.selectedComparison !== null) return s.comparison.results[s.selectedComparison] ?? null;
  return null;
}

/** "ticket", "control" or "<method> mask", for captions. */
export function networkLabel(n: TicketResult | ComparisonResult): string {
  if ('round' in n) return n.method === 'ticket' ? 'ticket' : 'control';
  return `${n.method} mask`;
}
