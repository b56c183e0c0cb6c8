/**
 * The run file (SPEC 7): the app's public data contract, version 1. run.schema.json beside
 * this file is the JSON Schema of the same format; docs/RUN_FILE.md describes it for people.
 * These types are what the app writes; readers must accept more fields than these.
 */
import type { Outcome } from '../analysis/runAnalysis';

export const RUN_FORMAT = 'lottery-lens/run';
export const RUN_VERSION = 1;

/**
 * The largest run file the app reads: 128 MiB (as UTF-8 bytes of the file, or UTF-16 code
 * units of its text, which are never more). The largest run the app writes at the default
 * snapshot spacing (n 128, m 128, K 64, 3000 steps every 20) is about 71 MiB; reading one
 * takes seconds (JSON, schema and shape checks) and several times its size in memory, so a
 * bigger file is refused before it is parsed.
 */
export const MAX_RUN_FILE_BYTES = 128 * 2 ** 20;

/** Nested, row-major weights: W1[j][i] (row j, input i), W2[c][j] (output c, row j). */
export interface NestedParams {
  W1: number[][];
  b1: number[];
  W2: number[][];
  b2: number[];
}

export interface RunConfig {
  n: number;
  K: number;
  k: number;
  m: number;
  p: number;
  q: number;
  tau: number;
  tauOut: number;
  r: number;
  optimizer: 'adam' | 'sgd';
  lr: number;
  adamEpsilon: number;
  batch: number;
  steps: number;
  /** The probes' load weight λ the file's comparison ran with (SPEC 6); null when the file holds no comparison. */
  lambda: number | null;
  /** The motion probe's window s the file's comparison ran with; null when the file holds no comparison. */
  motionSteps: number | null;
  prng: string;
  seeds: { task: number; init: number; data: number; test: number };
  snapshotEvery: number;
  precursorReadout: 'any' | 'positive';
  /** The backend that trained the run ('fused-wasm', 'webgl', ...). */
  backend: string;
  /** The lottery lab whose tickets the file holds (absent when it holds none). */
  lottery?: LotteryConfig;
}

/** How the lottery lab ran (SPEC 5): what it was, never a default that did not run. */
export interface LotteryConfig {
  mode: 'imp' | 'oneshot';
  scope: 'global' | 'layerwise';
  /** k_r: the step the tickets were rewound to. */
  rewindStep: number;
  /** The winning margin ε the tickets were judged by (absent when the writer judged none). */
  eps?: number;
}

export interface RunAnalysisV1 {
  finalCodes: number[][];
  precursors: { row: number; clause: number; d0: number; outcome: Outcome }[];
  recruited: { row: number; clause: number; d0: number }[];
  crowd0: number[];
  d0: number[][];
  crowdT: number[];
  /** False when the run had not finished: outcomes are as of the last snapshot. */
  final: boolean;
}

export interface RunFileV1 {
  format: typeof RUN_FORMAT;
  version: typeof RUN_VERSION;
  config: RunConfig;
  clauses: { inputs: number[]; template: number[] }[];
  snapshots: ({ step: number } & NestedParams)[];
  metrics: { step: number; loss: number; balancedAccuracy: number; exactMatch: number }[];
  analysis: RunAnalysisV1;
  tickets: unknown[];
  seedRuns?: unknown[];
}
