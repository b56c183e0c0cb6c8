/**
 * The feature-space analysis of a dense run (SPEC 4), from its snapshots alone:
 * codes and inhibitory codes at every kept step, the final codes F_c, precursors at init and
 * their outcomes (converged / rejected), recruited codes, crowding, and the summaries the views
 * chart (rejection rate by crowd_0, d_0 histograms, codes over time).
 *
 * Pure and cheap (m·K·k per snapshot): the worker reruns it whenever τ, τ_out or r change,
 * without retraining.
 */
import { distances, readoutCategories } from './featureSpace';
import type { Clause, Params, Shape } from '../core/types';

export interface FeatureSettings {
  /** Sign threshold of W1, relative to each row's largest |weight|. */
  tau: number;
  /** Readout threshold of W2, relative to each output row's largest |weight|. */
  tauOut: number;
  /** Precursor radius: d_0(j,c) <= r. */
  r: number;
  /** When true a precursor also needs a positive initial readout W2_0[c,j]. */
  precursorNeedsReadout: boolean;
}

export interface LocationState {
  /** d(j,c), [m * K] (index j * K + c). */
  d: Uint8Array;
  /** d̃(j,c), [m * K]. */
  dTilde: Float32Array;
  /** 1 where row j codes clause c, [m * K]. */
  codes: Uint8Array;
  /** 1 where row j is an inhibitory code of clause c, [m * K]. */
  inhibitory: Uint8Array;
  /** Readout category of W2[c, j], stored at [j * K + c]. */
  readout: Int8Array;
}

/** Codes and distances of every location at one step. */
export function locationState(params: Params, shape: Shape, clauses: Clause[], fs: FeatureSettings): LocationState {
  const { n, m, K } = shape;
  const { d, dTilde } = distances(params.W1, m, n, clauses, fs.tau);
  const neg = distances(params.W1, m, n, clauses, fs.tau, true);
  const cat = readoutCategories(params.W2, K, m, fs.tauOut);
  const codes = new Uint8Array(m * K);
  const inhibitory = new Uint8Array(m * K);
  const readout = new Int8Array(m * K);
  for (let j = 0; j < m; j++) {
    for (let c = 0; c < K; c++) {
      const at = j * K + c;
      readout[at] = cat[c * m + j];
      codes[at] = d[at] === 0 && readout[at] > 0 ? 1 : 0;
      inhibitory[at] = neg.d[at] === 0 && readout[at] < 0 ? 1 : 0;
    }
  }
  return { d, dTilde, codes, inhibitory, readout };
}

export type Outcome = 'converged' | 'rejected';

export interface TimelinePoint {
  step: number;
  /** Clauses with at least one code. */
  codedClauses: number;
  /** Clauses with at least one inhibitory code. */
  inhibitedClauses: number;
  /** Code locations (row, clause pairs). */
  codes: number;
  inhibitoryCodes: number;
}

export interface CrowdBucket {
  label: '1' | '2' | '3+';
  precursors: number;
  rejected: number;
  /** rejected / precursors, NaN when the bucket is empty. */
  rate: number;
}

export interface RunAnalysis {
  /** Step whose codes are taken as final (the last snapshot). */
  finalStep: number;
  /** F_c: rows coding clause c at the final step, per clause. */
  finalCodes: number[][];
  /** Rows carrying an inhibitory code of clause c at the final step, per clause. */
  finalInhibitory: number[][];
  precursors: { row: number; clause: number; d0: number; outcome: Outcome }[];
  recruited: { row: number; clause: number; d0: number }[];
  /** [m]: clauses for which the row is a precursor at init. */
  crowd0: number[];
  /** [m]: clauses the row codes at the final step. */
  crowdT: number[];
  /** [m][K]: d_0(j,c). */
  d0: number[][];
  rejectionByCrowd: CrowdBucket[];
  /** Histograms over d = 0..k: all locations, and the final code locations. */
  d0Histogram: { all: number[]; finalCodes: number[] };
  timeline: TimelinePoint[];
}

/** Analyses a run from its snapshots (ascending steps; the first must be step 0). */
export function analyzeRun(snapshots: readonly { step: number; params: Params }[], shape: Shape, clauses: Clause[], fs: FeatureSettings): RunAnalysis {
  if (snapshots.length === 0 || snapshots[0].step !== 0) throw new Error('analysis needs the step-0 snapshot');
  const states = snapshots.map((s) => locationState(s.params, shape, clauses, fs));
  const timeline = snapshots.map((s, i) => timelinePoint(s.step, states[i], shape));
  return summarizeRun(states[0], states[states.length - 1], timeline, shape, clauses, fs);
}

/**
 * The run-level analysis from the location states at init (`first`) and at the final step
 * (`last`), plus the timeline built so far. O(m·K): the worker calls it on every update.
 */
export function summarizeRun(first: LocationState, last: LocationState, timeline: TimelinePoint[], shape: Shape, clauses: Clause[], fs: FeatureSettings): RunAnalysis {
  const { m, K } = shape;
  const k = Math.max(0, ...clauses.map((c) => c.inputs.length));
  const finalCodes = rowsPerClause(last.codes, m, K);
  const finalInhibitory = rowsPerClause(last.inhibitory, m, K);
  const isPrecursor = (at: number) => first.d[at] <= fs.r && (!fs.precursorNeedsReadout || first.readout[at] > 0);

  const precursors: RunAnalysis['precursors'] = [];
  const recruited: RunAnalysis['recruited'] = [];
  const crowd0 = new Array<number>(m).fill(0);
  const crowdT = new Array<number>(m).fill(0);
  const d0: number[][] = [];
  const histAll = new Array<number>(k + 1).fill(0);
  const histFinal = new Array<number>(k + 1).fill(0);
  for (let j = 0; j < m; j++) {
    d0.push([]);
    for (let c = 0; c < K; c++) {
      const at = j * K + c;
      const dist = first.d[at];
      d0[j].push(dist);
      histAll[dist]++;
      if (last.codes[at]) {
        crowdT[j]++;
        histFinal[dist]++;
      }
      if (isPrecursor(at)) {
        crowd0[j]++;
        precursors.push({ row: j, clause: c, d0: dist, outcome: last.codes[at] ? 'converged' : 'rejected' });
      } else if (last.codes[at]) {
        recruited.push({ row: j, clause: c, d0: dist });
      }
    }
  }

  const buckets: CrowdBucket[] = (['1', '2', '3+'] as const).map((label) => ({ label, precursors: 0, rejected: 0, rate: NaN }));
  for (const p of precursors) {
    const b = buckets[Math.min(crowd0[p.row], 3) - 1];
    b.precursors++;
    if (p.outcome === 'rejected') b.rejected++;
  }
  for (const b of buckets) b.rate = b.precursors > 0 ? b.rejected / b.precursors : NaN;

  return {
    finalStep: timeline.length > 0 ? timeline[timeline.length - 1].step : 0,
    finalCodes,
    finalInhibitory,
    precursors,
    recruited,
    crowd0,
    crowdT,
    d0,
    rejectionByCrowd: buckets,
    d0Histogram: { all: histAll, finalCodes: histFinal },
    timeline,
  };
}

/** Rows flagged for each clause: flags [m*K] (index j*K+c) -> [K][rows]. */
export function rowsPerClause(flags: Uint8Array, m: number, K: number): number[][] {
  const out: number[][] = Array.from({ length: K }, () => []);
  for (let j = 0; j < m; j++) for (let c = 0; c < K; c++) if (flags[j * K + c]) out[c].push(j);
  return out;
}

/** Counts of codes and inhibitory codes at one step. */
export function timelinePoint(step: number, s: LocationState, shape: Shape): TimelinePoint {
  const { m, K } = shape;
  let codes = 0;
  let inhibitoryCodes = 0;
  let codedClauses = 0;
  let inhibitedClauses = 0;
  for (let c = 0; c < K; c++) {
    let coded = false;
    let inhibited = false;
    for (let j = 0; j < m; j++) {
      if (s.codes[j * K + c]) {
        codes++;
        coded = true;
      }
      if (s.inhibitory[j * K + c]) {
        inhibitoryCodes++;
        inhibited = true;
      }
    }
    if (coded) codedClauses++;
    if (inhibited) inhibitedClauses++;
  }
  return { step, codedClauses, inhibitedClauses, codes, inhibitoryCodes };
}
