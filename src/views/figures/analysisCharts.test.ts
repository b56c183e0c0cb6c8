/**
 * The words and tables of the analysis figures carry the same numbers the marks do, and report
 * the paper's claims honestly whichever way the data go. No DOM: the pure text functions only.
 */
import { describe, expect, it } from 'vitest';
import type { CrowdBucket, TimelinePoint } from '../../engine/analysis/runAnalysis';
import { codesOverTimeTable, crowdingTable, d0Table, rejectionTable } from './analysisTables';
import { codesOverTimeCaption, crowdingCaption, crowdingLabel, d0HistogramCaption, histogramMean, rejectionCaption, rejectionLabel, rejectionTrend, rowBarLabel, rowsAtMax } from './analysisText';

const bucket = (label: CrowdBucket['label'], precursors: number, rejected: number): CrowdBucket => ({
  label,
  precursors,
  rejected,
  rate: precursors > 0 ? rejected / precursors : NaN,
});

describe('crowding text', () => {
  it('labels a row bar with both counts, in words a screen reader can say', () => {
    expect(rowBarLabel(3, 4, 1)).toBe('row 3: precursor for 4 clauses at init, codes 1 at the end');
    expect(rowBarLabel(0, 1, 0)).toBe('row 0: precursor for 1 clause at init, codes 0 at the end');
  });

  it('names the most crowded rows, and counts them when there are many', () => {
    expect(rowsAtMax([1, 5, 2])).toBe('row 1, with 5');
    expect(rowsAtMax([5, 1, 5])).toBe('rows 0 and 2, 5 each');
    expect(rowsAtMax([2, 2, 2, 2])).toBe('4 rows, 2 each');
  });

  it('caption totals the precursors and the final codes over the rows', () => {
    const caption = crowdingCaption([0, 3, 1, 3], [1, 0, 1, 0]);
    expect(caption).toBe('At init 3 of 4 rows were precursors, for 7 clauses in all (most: rows 1 and 3, 3 each); at the end 2 rows code 2 clauses in all (most: rows 0 and 2, 1 each).');
    expect(crowdingLabel([0, 3, 1, 3], [1, 0, 1, 0])).toContain('4 hidden rows');
  });

  it('caption says so when no row was a precursor or codes anything', () => {
    expect(crowdingCaption([0, 0], [0, 0])).toBe('At init none of the 2 rows was a precursor; at the end no row codes a clause.');
    expect(crowdingCaption([], [])).toBe('No hidden rows to show.');
  });

  it('table has one row per hidden row', () => {
    expect(crowdingTable([2, 0], [1, 3]).rows).toEqual([
      ['0', '2', '1'],
      ['1', '0', '3'],
    ]);
  });
});

describe('rejection by crowding text', () => {
  it('reports counts and rates per bucket and a rise as support for claim 2', () => {
    const caption = rejectionCaption([bucket('1', 5, 1), bucket('2', 10, 6), bucket('3+', 48, 44)]);
    expect(caption).toBe(
      'Of 63 precursors, 51 were rejected (81%): 1 of 5 (20%) at rows crowded by 1 clause, 6 of 10 (60%) by 2 and 44 of 48 (92%) by 3 or more; in this run rejection rises with crowding. One run decides nothing: claim 2 is judged in “Claims across seeds”.',
    );
  });

  it('says when the rates go against claim 2, and flags small buckets', () => {
    const caption = rejectionCaption([bucket('1', 20, 18), bucket('2', 3, 1), bucket('3+', 0, 0)]);
    expect(caption).toContain('1 of 3 (33%) by 2 and no precursors by 3 or more');
    expect(caption).toContain('in this run rejection falls with crowding');
    expect(caption).not.toMatch(/as claim|against claim/);
    expect(caption).toContain('(some buckets hold fewer than 5 precursors)');
  });

  it('classifies the trend over non-empty buckets only', () => {
    expect(rejectionTrend([bucket('1', 4, 1), bucket('2', 0, 0), bucket('3+', 4, 3)])).toBe('rises');
    expect(rejectionTrend([bucket('1', 4, 2), bucket('2', 4, 2), bucket('3+', 4, 3)])).toBe('rises');
    expect(rejectionTrend([bucket('1', 4, 1), bucket('2', 4, 4), bucket('3+', 4, 3)])).toBe('mixed');
    expect(rejectionTrend([bucket('1', 4, 2), bucket('2', 6, 3), bucket('3+', 0, 0)])).toBe('flat');
    expect(rejectionTrend([bucket('1', 0, 0), bucket('2', 0, 0), bucket('3+', 9, 9)])).toBe('untestable');
  });

  it('has nothing to rate without precursors', () => {
    expect(rejectionCaption([bucket('1', 0, 0), bucket('2', 0, 0), bucket('3+', 0, 0)])).toBe('There were no precursors at init, so there is no rejection rate to show.');
  });

  it('label and table mark an empty bucket as having no precursors, not a rate of 0', () => {
    const buckets = [bucket('1', 4, 3), bucket('2', 0, 0), bucket('3+', 2, 2)];
    expect(rejectionLabel(buckets)).toContain('rows crowded by 2 clauses: no precursors');
    expect(rejectionTable(buckets).rows).toEqual([
      ['1', '4', '3', '75%'],
      ['2', '0', '0', 'no precursors'],
      ['3+', '2', '2', '100%'],
    ]);
  });
});

describe('d_0 histogram text', () => {
  it('computes the mean distance of a histogram', () => {
    expect(histogramMean([1, 1, 2])).toBeCloseTo(1.25);
    expect(histogramMean([0, 0])).toBeNaN();
  });

  it('says final codes started nearer when their mean d_0 is lower (claim 1)', () => {
    expect(d0HistogramCaption([10, 30, 40, 20], [6, 3, 1, 0])).toBe(
      'The 10 final codes started nearer their clauses than code locations in general: mean d₀ 0.5 against 1.7 over all 100 locations, and 60% against 10% already at d₀ = 0. One run decides nothing: claim 1 is judged in “Claims across seeds”.',
    );
  });

  it('says so when they did not', () => {
    const caption = d0HistogramCaption([10, 30, 40, 20], [0, 1, 1, 2]);
    expect(caption).toContain('started no nearer their clauses than code locations in general');
    expect(caption).toContain('mean d₀ 2.3 against 1.7');
    expect(d0HistogramCaption([4, 4], [0, 0])).toBe('No final codes yet; over all 8 code locations the mean d₀ is 0.5.');
  });

  it('table gives counts and shares of both series at each d_0', () => {
    expect(d0Table([3, 1], [1, 0]).rows).toEqual([
      ['0', '3', '75%', '1', '100%'],
      ['1', '1', '25%', '0', '0%'],
    ]);
  });
});

describe('codes over time text', () => {
  const point = (step: number, codedClauses: number, inhibitedClauses: number): TimelinePoint => ({
    step,
    codedClauses,
    inhibitedClauses,
    codes: codedClauses * 2,
    inhibitoryCodes: inhibitedClauses,
  });
  const timeline = [point(0, 0, 0), point(500, 9, 2), point(1000, 7, 5), point(2000, 9, 4)];

  it('reads the counts at the viewed step and the peak over the run', () => {
    expect(codesOverTimeCaption(timeline, 12, 1200)).toBe(
      'At step 1,000, 7 of 12 clauses have at least one code and 5 at least one inhibitory code; the most coded at any step was 9, first at step 500.',
    );
    expect(codesOverTimeCaption(timeline, 12, null)).toMatch(/^At step 2,000, 9 of 12 clauses/);
    expect(codesOverTimeCaption([], 12, null)).toBe('No snapshots yet.');
  });

  it('table lists every kept step', () => {
    expect(codesOverTimeTable(timeline).rows[2]).toEqual(['1,000', '7', '5', '14', '5']);
  });
});
