/**
 * How one worker event changes the app state: a pure reducer, so the store can fold a burst of
 * events into one update. Returns the patch, and a command to send back when the event needs
 * an answer (a fresh configuration is told the current speed).
 */
import { comparisonKey } from './labsSlice';
import { customClauses, sameClauses } from '../engine/core/clauseSyntax';
import { unpackParams } from '../engine/core/params';
import type { Command, WorkerEvent } from '../worker/protocol';
import { sameSettings, toDraft } from '../settings/settings';
import type { AppState } from './appState';
import { freshRun } from './freshRun';

export function applyEvent(state: AppState, event: WorkerEvent): { patch: Partial<AppState>; reply?: Command } {
  const ready = state.connection === 'ready';
  switch (event.type) {
    case 'configured': {
      // An older configure's answer (other settings, or clauses edited since).
      if (!event.imported && !sameSettings(event.settings, state.applied)) return { patch: {} };
      if (!event.restored && !event.imported && state.clauses && !sameClauses(event.task.clauses, state.clauses)) return { patch: {} };
      const reply: Command = { type: 'speed', stepsPerSecond: state.speed };
      if (event.restored) {
        // A fresh worker rebuilt the run the page already shows: nothing on screen is reset.
        return { patch: { task: event.task, backend: event.backend, connection: 'ready', origin: event.imported ? 'imported' : 'restored', error: null }, reply };
      }
      // The worker started the run afresh. The page did so too when it asked (configure), but
      // lab results and a 'finished' of the old run may have arrived since: they go again.
      // An imported run's clauses are the file's: kept (edited) unless the seed draws them.
      const fresh = event.imported
        ? {
            ...freshRun(event.settings, 'imported'),
            draft: toDraft(event.settings),
            errors: {},
            clauseErrors: {},
            clauses: customClauses(event.task.clauses, event.task.config, event.settings.seedTask),
          }
        : freshRun(state.applied, 'trained', { keepSelection: true });
      return { patch: { ...fresh, task: event.task, backend: event.backend, connection: 'ready', error: null }, reply };
    }
    case 'snapshots': {
      const task = state.task;
      if (!task || !ready) return { patch: {} };
      const { n, K } = task.config;
      const m = state.applied.m;
      let snapshots = state.snapshots.slice();
      let metrics = state.metrics.slice();
      let frames = state.frames.slice();
      let lotteryForm = state.lotteryForm;
      let resume = state.resume;
      if (event.dropped && event.dropped.length > 0) {
        // The worker thinned its history: drop the same steps, so both hold the same snapshots.
        const gone = new Set(event.dropped);
        const stays = snapshots.map((s) => !gone.has(s.step));
        snapshots = snapshots.filter((_, i) => stays[i]);
        metrics = metrics.filter((_, i) => stays[i]);
        frames = frames.filter((_, i) => stays[i]);
        // A rewind choice that is gone moves to the nearest kept step before it (step 0 always stays).
        if (gone.has(lotteryForm.rewindStep)) {
          const before = snapshots.filter((s) => s.step < lotteryForm.rewindStep).at(-1);
          lotteryForm = { ...lotteryForm, rewindStep: before?.step ?? 0 };
        }
      }
      for (const item of event.items) {
        if (item.step === 0) {
          snapshots.length = 0;
          metrics.length = 0;
          frames.length = 0;
        }
        // Snapshots arrive in step order; a halt may repeat the last stride step.
        while (snapshots.length > 0 && snapshots[snapshots.length - 1].step >= item.step) {
          snapshots.pop();
          metrics.pop();
          frames.pop();
        }
        snapshots.push({ step: item.step, params: unpackParams(item.data, n, m, K) });
        if (item.resume) resume = { step: item.step, ...item.resume };
        metrics.push({ step: item.step, ...item.metrics });
        frames.push(item.frame);
      }
      return { patch: lotteryForm === state.lotteryForm ? { snapshots, metrics, frames, resume } : { snapshots, metrics, frames, resume, lotteryForm } };
    }
    case 'progress':
      if (!ready) return { patch: {} };
      return { patch: { playback: event.playback, step: event.step, stepsPerSecond: event.stepsPerSecond, trainLoss: event.trainLoss } };
    case 'finished':
      return { patch: { playback: 'finished', step: event.step } };
    case 'analysis':
      return ready ? { patch: { analysis: event.analysis, analysisFinal: event.final } } : { patch: {} };
    case 'frames':
      return ready && event.items.length === state.snapshots.length ? { patch: { frames: event.items } } : { patch: {} };
    case 'runFile':
      return { patch: {} }; // handled by the page (a download), not state
    case 'error':
      // Before the worker has taken the run (configure, restore) an error is its answer: the run failed to start.
      return { patch: state.connection === 'connecting' || state.connection === 'restoring' ? { error: event.message, connection: 'failed' } : { error: event.message } };
    case 'calibrated':
      return { patch: { calibration: event.calibration, calibrating: false } };
    case 'backendChanged':
      return { patch: { backend: event.backend, faultNotice: event.message } };
    case 'lotteryProgress':
      return { patch: { lottery: { ...state.lottery, progress: event.progress, etaSeconds: event.etaSeconds } } };
    case 'lotteryResults':
      return { patch: { lottery: { ...state.lottery, tickets: [...state.lottery.tickets, ...event.tickets], dense: event.dense } } };
    case 'comparisonProgress':
      return { patch: { comparison: { ...state.comparison, progress: event.progress, etaSeconds: event.etaSeconds } } };
    case 'comparisonResults':
      return { patch: { comparison: { ...state.comparison, results: [...state.comparison.results, ...event.results], dense: event.dense } } };
    case 'comparisonDone': {
      const comparison = { ...state.comparison, status: event.cancelled ? ('cancelled' as const) : ('done' as const), message: event.message, etaSeconds: null, endedAt: performance.now() };
      const cache = !event.cancelled && comparison.key ? { ...state.comparisonCache, [comparison.key]: comparison } : state.comparisonCache;
      return { patch: { comparison, comparisonCache: cache } };
    }
    case 'labClaims':
      return { patch: { labClaims: { comparison: event.comparison, lottery: event.lottery } } };
    case 'seedsProgress':
      return { patch: { seeds: { ...state.seeds, progress: event.progress, etaSeconds: event.etaSeconds } } };
    case 'seedsResults':
      return { patch: { seeds: { ...state.seeds, runs: event.runs, claims: event.claims } } };
    case 'seedsDone':
      return { patch: { seeds: { ...state.seeds, status: event.cancelled ? 'cancelled' : 'done', message: event.message, etaSeconds: null } } };
    case 'labsRederived': {
      // Every lab number again, at the new settings: nothing on screen mixes thresholds. The
      // cache keeps only the comparison on show, under its new key (the others' numbers are of
      // other settings; running them again recomputes them).
      const comparison = { ...state.comparison, results: event.comparison, dense: event.comparisonDense };
      const key = state.comparison.key ? comparisonKey(JSON.parse(state.comparison.key).lab, state.applied) : null;
      const keyed = { ...comparison, key };
      const cache = key && state.comparison.status === 'done' ? { [key]: keyed } : {};
      return {
        patch: {
          lottery: { ...state.lottery, tickets: event.tickets, dense: event.lotteryDense },
          comparison: keyed,
          comparisonCache: cache,
          seeds: event.seeds ? { ...state.seeds, claims: event.seeds } : state.seeds,
          labClaims: { comparison: event.comparisonClaims, lottery: event.lotteryClaims },
          labsRecomputing: false,
        },
      };
    }
    case 'lotteryDone':
      return {
        patch: { lottery: { ...state.lottery, status: event.cancelled ? 'cancelled' : 'done', message: event.message, etaSeconds: null } },
      };
  }
}
