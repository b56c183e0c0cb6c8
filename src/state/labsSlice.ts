/**
 * The labs slice: the lottery lab and the probe comparison run on the finished dense run (their
 * forms, progress and results, the comparisons already done) and the sparse network picked from
 * their results for the heatmaps and feature space.
 */
import type { TicketResult } from '../engine/labs/lotteryExperiment';
import type { ComparisonResult } from '../engine/labs/probeComparison';
import type { AppState, LabsActions, LabsFields, Send, Slice } from './appState';
import { DEFAULT_COMPARISON_FORM, NO_COMPARISON } from './comparison';
import { DEFAULT_LOTTERY_FORM, NO_LOTTERY } from './lottery';
import { MAX_CLAIM_SEEDS, MIN_CLAIM_SEEDS, NO_LAB_CLAIMS, NO_SEEDS } from './seeds';
import { featureSettings, type Settings } from '../settings/settings';

export function createLabsSlice(send: Send): Slice<LabsFields & LabsActions> {
  return (set, get) => ({
    lotteryForm: DEFAULT_LOTTERY_FORM,
    lottery: NO_LOTTERY,
    selectedTicket: null,
    comparisonForm: DEFAULT_COMPARISON_FORM,
    comparison: NO_COMPARISON,
    selectedComparison: null,
    comparisonCache: {},
    seeds: NO_SEEDS,
    labClaims: NO_LAB_CLAIMS,
    labsRecomputing: false,

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
      const key = comparisonKey(settings, applied);
      const cached = comparisonCache[key];
      if (cached) {
        set({ comparison: cached, selectedComparison: null });
        return;
      }
      set({ comparison: { ...NO_COMPARISON, status: 'running', startedAt: performance.now(), key }, selectedComparison: null });
      send({ type: 'runComparison', settings });
    },
    selectComparison(index) {
      set({ selectedComparison: index, selectedTicket: null });
    },
    cancelComparison() {
      if (get().comparison.status === 'running') send({ type: 'cancelComparison' });
    },
    setSeedCount(count) {
      set({ seeds: { ...get().seeds, count: Math.min(MAX_CLAIM_SEEDS, Math.max(MIN_CLAIM_SEEDS, Math.round(count))) } });
    },
    runSeeds(count) {
      const { applied, playback, seeds } = get();
      if (playback !== 'finished' || seeds.status === 'running') return;
      const n = Math.min(MAX_CLAIM_SEEDS, Math.max(MIN_CLAIM_SEEDS, Math.round(count ?? seeds.count)));
      set({ seeds: { ...NO_SEEDS, status: 'running', count: n } });
      send({ type: 'runSeeds', seeds: labSeeds(applied.seedInit, n) });
    },
    cancelSeeds() {
      if (get().seeds.status === 'running') send({ type: 'cancelSeeds' });
    },
  });
}

/**
 * The comparison cache's key: every setting its numbers depend on, the lab's (methods,
 * sparsities, seeds, λ, motion window) and the analysis' (τ, τ_out, r, the readout rule).
 */
export function comparisonKey(lab: object, applied: Settings): string {
  return JSON.stringify({ lab, analysis: featureSettings(applied) });
}

/**
 * The seeds a lab form's "Seeds" count stands for: the run's init seed, then the next ones (at
 * least one), wrapping past the largest seed 2^31 - 1 to 0 so every one is a valid seed.
 */
export function labSeeds(seedInit: number, count: number): number[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => (seedInit + i) % 2 ** 31);
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
