/** Writes a run (typed-array snapshots) as the nested-array run file of SPEC 7. */
import type { RunAnalysis } from '../analysis/runAnalysis';
import type { Clause, MetricRow, Params } from '../core/types';
import { RUN_FORMAT, RUN_VERSION, type NestedParams, type RunConfig, type RunFileV1 } from './format';

export interface RunFileInput {
  config: RunConfig;
  clauses: Clause[];
  snapshots: readonly { step: number; params: Params }[];
  metrics: readonly MetricRow[];
  analysis: RunAnalysis;
  analysisFinal: boolean;
}

/** Rows of a row-major [rows * cols] array as plain number arrays. */
export function nest(flat: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(Array.from({ length: cols }, (_, c) => flat[r * cols + c]));
  return out;
}

export function nestParams(p: Params, n: number): NestedParams {
  const m = p.b1.length;
  const K = p.b2.length;
  return { W1: nest(p.W1, m, n), b1: Array.from(p.b1), W2: nest(p.W2, K, m), b2: Array.from(p.b2) };
}

export function buildRunFile(input: RunFileInput): RunFileV1 {
  const { config, analysis } = input;
  return {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    config,
    clauses: input.clauses.map((c) => ({ inputs: [...c.inputs], template: [...c.template] })),
    snapshots: input.snapshots.map((s) => ({ step: s.step, ...nestParams(s.params, config.n) })),
    metrics: input.metrics.map((r) => ({ step: r.step, loss: r.loss, balancedAccuracy: r.balancedAccuracy, exactMatch: r.exactMatch })),
    analysis: {
      finalCodes: analysis.finalCodes,
      precursors: analysis.precursors,
      recruited: analysis.recruited,
      crowd0: analysis.crowd0,
      d0: analysis.d0,
      crowdT: analysis.crowdT,
      final: input.analysisFinal,
    },
    tickets: [],
  };
}
