/** The lottery lab's state on the page: its form (SPEC 5 choices) and what the worker sent back. */
import type { DenseRun, LotteryProgress, LotterySettings, TicketResult } from '../engine/labs/lotteryExperiment';

/** The lottery lab's form (SPEC 5 choices) and what has come back from the worker. */
export interface LotteryForm {
  mode: LotterySettings['mode'];
  scope: LotterySettings['scope'];
  sparsities: number[];
  rewindStep: number;
  /** Winning margin ε: a ticket wins when its balanced accuracy >= dense − ε. */
  eps: number;
  /** How many seeds (the run's own first). */
  seedCount: number;
}

export const DEFAULT_LOTTERY_FORM: LotteryForm = { mode: 'imp', scope: 'global', sparsities: [0.5, 0.7, 0.8, 0.9], rewindStep: 0, eps: 0.01, seedCount: 1 };

export type DenseSummary = Omit<DenseRun, 'init' | 'atRewind' | 'final'>;

export interface LotteryState {
  status: 'idle' | 'running' | 'done' | 'cancelled';
  progress: LotteryProgress | null;
  etaSeconds: number | null;
  tickets: TicketResult[];
  dense: DenseSummary[];
  message: string | null;
}

export const NO_LOTTERY: LotteryState = { status: 'idle', progress: null, etaSeconds: null, tickets: [], dense: [], message: null };

