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

export function createLabsSlice(send: Send): Slice<LabsFields & LabsActions> {
  return (set, get) => ({
    lotteryForm: DEFAULT_LOTTERY_FORM,
    lottery: NO_LOTTERY,
    selectedTicket: null,
    comparisonForm: DEFAULT_COMPARISON_FORM,
    comparison: NO_COMPARISON,
    selectedComparison: null,
    comparisonCache: {},

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
  });
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
