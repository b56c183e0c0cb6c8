/**
 * The words of the four analysis figures: one-sentence captions, short SVG labels and the
 * keyboard labels of row bars, computed from the same plain data the charts draw, so a reader
 * who cannot see the picture still gets every number it shows. Pure (no DOM): tested in node.
 * The sentences report what the numbers say, including when they go against the paper.
 */
import type { CrowdBucket, TimelinePoint } from '../../engine/analysis/runAnalysis';

const NUMBER = new Intl.NumberFormat('en-US');
/** Thousands separators (one shared formatter: toLocaleString builds one per call). */
export const fmt = (v: number) => NUMBER.format(v);
export const pct = (rate: number) => `${Math.round(100 * rate)}%`;
/** "1 clause", "1,024 clauses"; `many` for an irregular plural ("misses"). */
export const plural = (n: number, word: string, many = `${word}s`) => `${fmt(n)} ${n === 1 ? word : many}`;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** "row 3, with 4", "rows 3 and 7, 4 each", or "5 rows, 4 each": the rows at the maximum. */
export function rowsAtMax(xs: readonly number[]): string {
  const max = Math.max(...xs);
  const rows = xs.flatMap((v, j) => (v === max ? [j] : []));
  if (rows.length === 1) return `row ${rows[0]}, with ${max}`;
  const who = rows.length > 3 ? `${rows.length} rows` : `rows ${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`;
  return `${who}, ${max} each`;
}

/** Keyboard / screen-reader label of one row's pair of bars. */
export function rowBarLabel(row: number, crowd0: number, crowdT: number): string {
  return `row ${row}: precursor for ${plural(crowd0, 'clause')} at init, codes ${fmt(crowdT)} at the end`;
}

export function crowdingCaption(crowd0: readonly number[], crowdT: readonly number[]): string {
  const m = crowd0.length;
  if (m === 0) return 'No hidden rows to show.';
  const busy = (xs: readonly number[]) => xs.filter((v) => v > 0).length;
  const init =
    sum(crowd0) === 0
      ? `At init none of the ${m} rows was a precursor`
      : `At init ${busy(crowd0)} of ${m} rows were precursors, for ${plural(sum(crowd0), 'clause')} in all (most: ${rowsAtMax(crowd0)})`;
  const end = sum(crowdT) === 0 ? 'at the end no row codes a clause' : `at the end ${busy(crowdT)} rows code ${plural(sum(crowdT), 'clause')} in all (most: ${rowsAtMax(crowdT)})`;
  return `${init}; ${end}.`;
}

export function crowdingLabel(crowd0: readonly number[], crowdT: readonly number[]): string {
  return `Paired bars for ${crowd0.length} hidden rows: clauses each row was a precursor for at init (${sum(crowd0)} in all) and clauses it codes at the end (${sum(crowdT)} in all).`;
}

const CROWD_WORDS: Record<CrowdBucket['label'], string> = { '1': '1 clause', '2': '2 clauses', '3+': '3 or more clauses' };

export type RejectionTrend = 'rises' | 'falls' | 'flat' | 'mixed' | 'untestable';

/** How the rejection rate moves across this run's non-empty buckets (a description; claim 2's verdict needs many seeds). */
export function rejectionTrend(buckets: readonly CrowdBucket[]): RejectionTrend {
  const rates = buckets.filter((b) => b.precursors > 0).map((b) => b.rejected / b.precursors);
  if (rates.length < 2) return 'untestable';
  const steps = rates.slice(1).map((r, i) => r - rates[i]);
  if (steps.every((s) => s === 0)) return 'flat';
  if (steps.every((s) => s >= 0)) return 'rises';
  if (steps.every((s) => s <= 0)) return 'falls';
  return 'mixed';
}

const TREND_WORDS: Record<RejectionTrend, string> = {
  rises: 'in this run rejection rises with crowding',
  falls: 'in this run rejection falls with crowding',
  flat: 'in this run rejection does not change with crowding',
  mixed: 'in this run rejection does not move steadily with crowding',
  untestable: 'too few crowding levels to compare in this run',
};

export function rejectionCaption(buckets: readonly CrowdBucket[]): string {
  const total = sum(buckets.map((b) => b.precursors));
  if (total === 0) return 'There were no precursors at init, so there is no rejection rate to show.';
  const rejected = sum(buckets.map((b) => b.rejected));
  const parts = buckets.map((b, i) => {
    const by = i === 0 ? `at rows crowded by ${CROWD_WORDS[b.label]}` : `by ${CROWD_WORDS[b.label].replace(/ clauses?$/, '')}`;
    return b.precursors === 0 ? `no precursors ${by}` : `${b.rejected} of ${b.precursors} (${pct(b.rejected / b.precursors)}) ${by}`;
  });
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const small = buckets.some((b) => b.precursors > 0 && b.precursors < 5) ? ' (some buckets hold fewer than 5 precursors)' : '';
  return `Of ${plural(total, 'precursor')}, ${fmt(rejected)} were rejected (${pct(rejected / total)}): ${list}; ${TREND_WORDS[rejectionTrend(buckets)]}${small}. One run decides nothing: claim 2 is judged in “Claims across seeds”.`;
}

export function rejectionLabel(buckets: readonly CrowdBucket[]): string {
  const parts = buckets.map((b) =>
    b.precursors === 0 ? `rows crowded by ${CROWD_WORDS[b.label]}: no precursors` : `rows crowded by ${CROWD_WORDS[b.label]}: ${pct(b.rejected / b.precursors)} (${b.rejected} of ${b.precursors})`,
  );
  return `Rejection rate of precursors by crowding at init. ${parts.join('; ')}.`;
}

/** Mean of d over a histogram indexed by d (NaN when empty). */
export function histogramMean(hist: readonly number[]): number {
  const n = sum(hist);
  return n === 0 ? NaN : sum(hist.map((c, d) => c * d)) / n;
}

export function d0HistogramCaption(all: readonly number[], finalCodes: readonly number[]): string {
  const n = sum(all);
  const f = sum(finalCodes);
  if (n === 0) return 'No code locations to show.';
  const mAll = histogramMean(all).toFixed(1);
  if (f === 0) return `No final codes yet; over all ${fmt(n)} code locations the mean d₀ is ${mAll}.`;
  const nearer = histogramMean(finalCodes) < histogramMean(all);
  const how = nearer ? 'nearer their clauses than code locations in general' : 'no nearer their clauses than code locations in general';
  const zero = `${pct((finalCodes[0] ?? 0) / f)} against ${pct((all[0] ?? 0) / n)} already at d₀ = 0`;
  return `The ${plural(f, 'final code')} started ${how}: mean d₀ ${histogramMean(finalCodes).toFixed(1)} against ${mAll} over all ${fmt(n)} locations, and ${zero}. One run decides nothing: claim 1 is judged in “Claims across seeds”.`;
}

export function d0HistogramLabel(all: readonly number[], finalCodes: readonly number[]): string {
  return `Share of code locations at each initial distance d₀ from 0 to ${Math.max(0, all.length - 1)}: all ${fmt(sum(all))} locations against the ${fmt(sum(finalCodes))} final codes.`;
}

/** The timeline point on view: the last one at or before the marker (the last when null). */
export function pointAt(timeline: readonly TimelinePoint[], marker: number | null): TimelinePoint | undefined {
  if (marker === null) return timeline[timeline.length - 1];
  let found: TimelinePoint | undefined;
  for (const p of timeline) if (p.step <= marker) found = p;
  return found ?? timeline[0];
}

export function codesOverTimeCaption(timeline: readonly TimelinePoint[], K: number, marker: number | null): string {
  const p = pointAt(timeline, marker);
  if (!p) return 'No snapshots yet.';
  const peak = timeline.reduce((best, q) => (q.codedClauses > best.codedClauses ? q : best), timeline[0]);
  return `At step ${fmt(p.step)}, ${p.codedClauses} of ${plural(K, 'clause')} have at least one code and ${p.inhibitedClauses} at least one inhibitory code; the most coded at any step was ${peak.codedClauses}, first at step ${fmt(peak.step)}.`;
}

export function codesOverTimeLabel(timeline: readonly TimelinePoint[], K: number, xMax: number): string {
  return `Clauses with a code (solid line) and with an inhibitory code (dashed line), out of ${K}, against step from 0 to ${fmt(xMax)}; ${timeline.length} snapshots.`;
}
