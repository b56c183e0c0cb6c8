/** The lottery lab's state on the page: its form (SPEC 5 choices) and what the worker sent back. */
import type { LotteryProgress, TicketResult } from '../engine/labs/lotteryExperiment';
import type { RunSummary } from '../worker/protocol';
import { labFormDefaults, type LotteryForm } from '../settings/labSchema';

/** The lottery lab's form (SPEC 5 choices; types and defaults from the lab schema). */
export type { LotteryForm };

export const DEFAULT_LOTTERY_FORM: LotteryForm = labFormDefaults('lottery');

/** A seed's dense run as the worker sends it (no weights; with its d₀ at the current τ). */
export type DenseSummary = RunSummary;

export interface LotteryState {
  status: 'idle' | 'running' | 'done' | 'cancelled';
  progress: LotteryProgress | null;
  etaSeconds: number | null;
  tickets: TicketResult[];
  dense: DenseSummary[];
  message: string | null;
}

export const NO_LOTTERY: LotteryState = { status: 'idle', progress: null, etaSeconds: null, tickets: [], dense: [], message: null };
