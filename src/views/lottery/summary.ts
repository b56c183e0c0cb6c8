/**
 * Plain summaries of lottery results for the views: per (method, pruning level) the mean and
 * spread over seeds of accuracy and code recovery, and how many seeds won (SPEC 5: retrained
 * balanced accuracy >= that seed's dense accuracy − ε). Pure, so it is unit-tested.
 */
import { reexpressionCounts } from '../../engine/lottery';
import type { TicketMethod, TicketResult } from '../../engine/labs/lotteryExperiment';
import type { DenseSummary } from '../../state/lottery';
import { toCsv } from '../csv';

export interface Spread {
  mean: number;
  min: number;
  max: number;
  n: number;
}

export interface LevelSummary {
  method: TicketMethod;
  kept: number;
  sparsity: number;
  target: boolean;
  balancedAccuracy: Spread;
  /** Fraction of clauses with a code after retraining. */
  codeRecovery: Spread;
  /** Seeds whose ticket wins, and seeds in all. */
  wins: number;
  seeds: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: NaN, min: NaN, max: NaN, n: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, min: Math.min(...values), max: Math.max(...values), n: values.length };
}

export function codeRecovery(t: TicketResult): number {
  return t.codes.filter((rows) => rows.length > 0).length / Math.max(1, t.codes.length);
}

/** One summary per (method, kept count), ordered by method then falling kept count. */
export function summarize(tickets: readonly TicketResult[], dense: readonly DenseSummary[], eps: number): LevelSummary[] {
  const groups = new Map<string, TicketResult[]>();
  for (const t of tickets) {
    const key = `${t.method}|${t.kept}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const order: TicketMethod[] = ['ticket', 'reinit', 'random-mask'];
  return [...groups.values()]
    .map((g) => ({
      method: g[0].method,
      kept: g[0].kept,
      sparsity: g[0].sparsity,
      target: g[0].target,
      balancedAccuracy: spread(g.map((t) => t.balancedAccuracy)),
      codeRecovery: spread(g.map(codeRecovery)),
      wins: g.filter((t) => {
        const d = dense.find((x) => x.seed === t.seed);
        return d !== undefined && t.balancedAccuracy >= d.balancedAccuracy - eps;
      }).length,
      seeds: g.length,
    }))
    .sort((a, b) => order.indexOf(a.method) - order.indexOf(b.method) || b.kept - a.kept);
}

/** Short names for tables. */
export const METHOD_SHORT: Record<TicketMethod, string> = { ticket: 'ticket', reinit: 'mask + re-init', 'random-mask': 'random mask' };

export const METHOD_LABEL: Record<TicketMethod, string> = {
  ticket: 'ticket (rewound)',
  reinit: 'control: ticket mask, random re-init',
  'random-mask': 'control: random mask, rewound',
};

export const TICKETS_CSV_HEADER = [
  'method',
  'mode',
  'round',
  'target',
  'sparsity',
  'kept',
  'seed',
  'rewindStep',
  'balancedAccuracy',
  'exactMatch',
  'denseBalancedAccuracy',
  'wins',
  'clausesCoded',
  'sameRow',
  'differentRow',
  'lost',
];

/**
 * Every retrained network of a lottery run, one record each (method, pruning level and seed),
 * with its seed's dense accuracy and whether it wins at this ε; numbers in full precision.
 */
export function ticketsCsv(tickets: readonly TicketResult[], dense: readonly DenseSummary[], eps: number): string {
  return toCsv(
    TICKETS_CSV_HEADER,
    tickets.map((t) => {
      const d = dense.find((x) => x.seed === t.seed);
      const r = reexpressionCounts(t.reexpression);
      return [
        t.method,
        t.mode,
        t.round,
        t.target,
        t.sparsity,
        t.kept,
        t.seed,
        t.rewindStep,
        t.balancedAccuracy,
        t.exactMatch,
        d?.balancedAccuracy,
        d === undefined ? undefined : t.balancedAccuracy >= d.balancedAccuracy - eps,
        t.codes.filter((rows) => rows.length > 0).length,
        r['same-row'],
        r['different-row'],
        r.lost,
      ];
    }),
  );
}
