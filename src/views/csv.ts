/**
 * CSV text per RFC 4180: records end in CRLF, and a field holding a comma, a double quote, CR
 * or LF is wrapped in double quotes with each inner quote doubled. Numbers keep full precision;
 * a missing or non-finite number is an empty field. The one CSV writer of the app.
 *
 *   toCsv(['step', 'loss'], [[0, 0.69], [20, 0.41]])  ->  'step,loss\r\n0,0.69\r\n20,0.41\r\n'
 */
import type { MetricRow } from '../engine/core/types';

export type CsvCell = string | number | boolean | null | undefined;

/** One field, quoted when it must be. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header record and one record per row; every row should have header.length fields. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

export const METRICS_CSV_HEADER = ['step', 'loss', 'balancedAccuracy', 'exactMatch'] as const;
// A field added to MetricRow and not to the header above fails the typecheck here.
const everyMetric: [Exclude<keyof MetricRow, (typeof METRICS_CSV_HEADER)[number]>] extends [never] ? true : false = true;
void everyMetric;

/** The test metrics of every kept snapshot, one record each, in step order. */
export function metricsCsv(rows: readonly MetricRow[]): string {
  return toCsv(
    METRICS_CSV_HEADER,
    rows.map((r) => METRICS_CSV_HEADER.map((key) => r[key])),
  );
}
