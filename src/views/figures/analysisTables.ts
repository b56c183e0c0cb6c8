/**
 * The numbers behind every mark of the analysis figures, as plain tables (a header row and
 * body rows of text). The React components render them as visually hidden <table>s so a
 * screen-reader user can read each bar or point. Pure (no DOM): tested in node.
 */
import type { CrowdBucket, TimelinePoint } from '../../engine/analysis/runAnalysis';
import { fmt, pct } from './analysisText';

export interface DataTable {
  head: string[];
  /** [rows][head.length] cell text. */
  rows: string[][];
}

const share = (count: number, total: number) => (total > 0 ? pct(count / total) : '–');

export function crowdingTable(crowd0: readonly number[], crowdT: readonly number[]): DataTable {
  return {
    head: ['row', 'precursor for (clauses at init)', 'codes (clauses at the end)'],
    rows: crowd0.map((c0, j) => [String(j), fmt(c0), fmt(crowdT[j] ?? 0)]),
  };
}

export function rejectionTable(buckets: readonly CrowdBucket[]): DataTable {
  return {
    head: ['row crowded by (clauses at init)', 'precursors', 'rejected', 'rejection rate'],
    rows: buckets.map((b) => [b.label, fmt(b.precursors), fmt(b.rejected), b.precursors > 0 ? pct(b.rejected / b.precursors) : 'no precursors']),
  };
}

export function d0Table(all: readonly number[], finalCodes: readonly number[]): DataTable {
  const nAll = all.reduce((a, b) => a + b, 0);
  const nFinal = finalCodes.reduce((a, b) => a + b, 0);
  return {
    head: ['d₀ (distance at init)', 'all code locations', 'share of all', 'final codes', 'share of final codes'],
    rows: all.map((c, d) => [String(d), fmt(c), share(c, nAll), fmt(finalCodes[d] ?? 0), share(finalCodes[d] ?? 0, nFinal)]),
  };
}

/** Most rows the codes-over-time table lists: a long run is sampled evenly, first and last kept. */
export const TIMELINE_TABLE_ROWS = 60;

export function codesOverTimeTable(timeline: readonly TimelinePoint[]): DataTable {
  const every = Math.max(1, Math.ceil((timeline.length - 1) / (TIMELINE_TABLE_ROWS - 1)));
  const shown = timeline.filter((_, i) => i % every === 0 || i === timeline.length - 1);
  return {
    head: ['step', 'clauses with a code', 'clauses with an inhibitory code', 'code locations', 'inhibitory code locations'],
    rows: shown.map((p) => [fmt(p.step), fmt(p.codedClauses), fmt(p.inhibitedClauses), fmt(p.codes), fmt(p.inhibitoryCodes)]),
  };
}
