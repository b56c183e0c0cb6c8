/**
 * The numbers each tour step quotes, computed from the run on screen (never typed in). Pure
 * functions of the app state, so they are unit-tested; each returns null (or a "still
 * computing" sentence) while the part of the run it reads is not there yet.
 */
import type { RunAnalysis } from '../../engine/analysis/runAnalysis';
import type { TicketResult } from '../../engine/labs/lotteryExperiment';
import type { ComparisonResult } from '../../engine/labs/probeComparison';
import { clauseText } from '../../engine/core/task';
import type { Clause } from '../../engine/core/types';
import type { Settings } from '../../settings/settings';
import type { DenseSummary } from '../../state/lottery';
import { crowdingCaption, plural, rejectionCaption } from '../figures/analysisText';
import { summarizeMethods, verdict } from '../comparison/summary';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const list = (xs: readonly (string | number)[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** The task in numbers: sizes, one clause written out, and how rare a chance positive is. */
export function taskFacts(s: Settings, clauses: readonly Clause[]): string {
  const c0 = clauses[0];
  if (!c0) return `The task has K = ${s.K} clauses over n = ${s.n} inputs.`;
  // Chance that a random input (no planting) satisfies c0: each literal holds with p or 1 − p.
  const chance = c0.template.reduce((a, sign) => a * (sign > 0 ? s.p : 1 - s.p), 1);
  return (
    `This run has n = ${s.n} random input bits (each 1 with probability ${s.p}) and K = ${s.K} clauses of k = ${s.k} literals, ` +
    `one output each, on m = ${s.m} hidden rows. Clause c0 is ${clauseText(c0)}: it fires only when all ${s.k} literals hold, ` +
    `which a random input does with probability ${pct(chance)}, so ${pct(s.q)} of samples per clause are planted to satisfy it.`
  );
}

/** Precursors at init: how many, and the most crowded row. */
export function initFacts(a: RunAnalysis | null, s: Settings): string | null {
  if (!a) return null;
  const locations = a.d0.length * (a.d0[0]?.length ?? 0);
  const row = mostCrowdedRow(a);
  return (
    `Before any training, ${a.precursors.length} of the ${locations} code locations are already precursors ` +
    `(distance d₀ ≤ r = ${s.r} from their clause’s code). Row ${row} (selected) is a precursor for ${plural(a.crowd0[row] ?? 0, 'clause')} at once.`
  );
}

/** The row that is a precursor for the most clauses at init (the first such row). */
export function mostCrowdedRow(a: RunAnalysis): number {
  return a.crowd0.reduce((best, v, j) => (v > a.crowd0[best] ? j : best), 0);
}

/** What the run shows at the paused step of the prediction (outcomes so far are provisional). */
export function predictFacts(a: RunAnalysis | null, step: number, steps: number): string | null {
  if (!a) return null;
  const now = a.precursors.filter((p) => p.outcome === 'converged').length;
  const coded = a.finalCodes.filter((rows) => rows.length > 0).length;
  return (
    `Training is paused at step ${step} of ${steps}. Right now ${now} of the ${a.precursors.length} precursors are codes (●) ` +
    `and ${a.precursors.length - now} are not (✕); ${coded} of ${a.finalCodes.length} clauses have a code. Which precursors will be codes at the end?`
  );
}

/** How training resolved the precursors, and whether codes came and went. */
export function selectionFacts(a: RunAnalysis | null, final: boolean): string | null {
  if (!a || !final) return null;
  const converged = a.precursors.filter((p) => p.outcome === 'converged').length;
  const rejected = a.precursors.length - converged;
  const end = a.timeline[a.timeline.length - 1];
  const peak = a.timeline.reduce((best, p) => (p.codedClauses > best.codedClauses ? p : best), a.timeline[0]);
  const K = a.finalCodes.length;
  const coded = a.finalCodes.filter((rows) => rows.length > 0).length;
  const came =
    peak && end && peak.codedClauses > end.codedClauses ? ` Codes can form early and dissolve: ${peak.codedClauses} clauses had a code at step ${peak.step}, ${end.codedClauses} at the end.` : '';
  return (
    `Of ${a.precursors.length} precursors, ${converged} converged and ${rejected} were rejected ` +
    `(${pct(a.precursors.length ? rejected / a.precursors.length : NaN)} rejected); ${plural(a.recruited.length, 'code')} ` +
    `${a.recruited.length === 1 ? 'was' : 'were'} recruited from farther away. ${coded} of ${K} clauses are coded at the end.${came}`
  );
}

/** Crowding under more clauses than rows: the crowding and rejection captions of the analysis. */
export function crowdingFacts(a: RunAnalysis | null, final: boolean, s: Settings): string | null {
  if (!a || !final) return null;
  const mean = (xs: readonly number[]) => xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
  return (
    `Here K = ${s.K} clauses share m = ${s.m} rows: a row is a precursor for ${mean(a.crowd0).toFixed(1)} clauses on average at init ` +
    `and codes ${mean(a.crowdT).toFixed(1)} at the end. ${crowdingCaption(a.crowd0, a.crowdT)} ${rejectionCaption(a.rejectionByCrowd)}`
  );
}

/** The ticket of the run's own seed at `sparsity`, and its two controls. */
export function ticketAt(tickets: readonly TicketResult[], seed: number, sparsity: number) {
  const at = (method: TicketResult['method']) => tickets.find((t) => t.method === method && t.seed === seed && t.target && Math.abs(t.sparsity - sparsity) < 0.01) ?? null;
  return { ticket: at('ticket'), reinit: at('reinit'), randomMask: at('random-mask') };
}

/** The ticket against the dense run and the controls. */
export function ticketFacts(tickets: readonly TicketResult[], dense: readonly DenseSummary[], seed: number, sparsity: number, eps: number): string | null {
  const { ticket, reinit, randomMask } = ticketAt(tickets, seed, sparsity);
  const d = dense.find((x) => x.seed === seed);
  if (!ticket || !d) return null;
  const total = ticket.masks.W1.length + ticket.masks.W2.length;
  const wins = ticket.balancedAccuracy >= d.balancedAccuracy - eps;
  const controls = [
    reinit ? `its mask on a fresh random init reaches ${pct(reinit.balancedAccuracy)}` : null,
    randomMask ? `a random mask on the original init ${pct(randomMask.balancedAccuracy)}` : null,
  ].filter((x) => x !== null);
  return (
    `The ticket keeps ${ticket.kept} of ${total} weights (${pct(ticket.sparsity)} pruned), rewound to step ${ticket.rewindStep} and retrained: ` +
    `${pct(ticket.balancedAccuracy)} balanced accuracy against the dense run’s ${pct(d.balancedAccuracy)}, so it ${wins ? 'wins' : 'does not win'} ` +
    `(a ticket wins at ≥ dense − ε, ε = ${eps}).${controls.length ? ` At the same sparsity, ${list(controls)}.` : ''}`
  );
}

/** A clause the ticket codes on a row the dense run did not use (and whose dense code it had). */
export function movedClause(ticket: TicketResult, denseCodes: readonly number[][]): number | null {
  const c = ticket.reexpression.findIndex((r, i) => r === 'different-row' && (denseCodes[i]?.length ?? 0) > 0);
  return c >= 0 ? c : null;
}

/** Where the ticket put each clause, and one clause that moved to another row. */
export function reexpressionFacts(ticket: TicketResult | null, denseCodes: readonly number[][] | null, a: RunAnalysis | null, clauses: readonly Clause[]): string | null {
  if (!ticket || !denseCodes) return null;
  const n = (kind: string) => ticket.reexpression.filter((r) => r === kind).length;
  const head =
    `Of ${ticket.reexpression.length} clauses, the ticket codes ${n('same-row')} on the same row as the dense run, ${n('different-row')} on a ` +
    `different row, and ${n('lost')} on no row (“lost” means no single row codes it, not that it is computed wrongly).`;
  const c = movedClause(ticket, denseCodes);
  if (c === null) return `${head} No clause with a dense code moved to a new row in this ticket.`;
  const to = ticket.codes[c];
  const d0 = a ? to.map((j) => `${a.d0[j]?.[c]}`) : [];
  return (
    `${head} Clause c${c} (${clauseText(clauses[c])}) was coded by row${denseCodes[c].length > 1 ? 's' : ''} ${list(denseCodes[c])} in the dense run; ` +
    `the ticket codes it on row${to.length > 1 ? 's' : ''} ${list(to)}${d0.length ? ` (d₀ = ${list(d0)} there at init)` : ''}: the same clause family, on another row.`
  );
}

/** The probe comparison's verdict and each method's accuracy at the one sparsity it ran. */
export function probeFacts(results: readonly ComparisonResult[]): string | null {
  if (results.length === 0) return null;
  const kept = results[0].kept;
  const levels = summarizeMethods(results.filter((r) => r.kept === kept)).sort((a, b) => b.balancedAccuracy.mean - a.balancedAccuracy.mean);
  const each = levels.map((l) => `${l.method} ${pct(l.balancedAccuracy.mean)} (codes for ${pct(l.codeRecovery.mean)} of clauses)`);
  return `${verdict(results, kept)} Every method kept ${kept} weights: ${list(each)}.`;
}
