/**
 * The messages between the training worker (which splits a lab by seed and merges what comes
 * back: pooledLab.ts) and its pool workers (pool.worker.ts, one part at a time each):
 *
 *   training worker (WorkerPool)                    pool worker
 *   run {job, config, clauses, backend, features, part} ─▶  builds the experiment, runs the part
 *                    ◀──────────────  progress {job, progress}   (≤ 10 per s: also its sign of life)
 *                    ◀──────────────  output {job, from, dense, results, done}   (what is new since
 *                                     `from` results: as each phase finishes, and once at the end)
 *                    ◀──────────────  failed {job, message}   (the part threw: it would again)
 *   exit             ──────────────▶  diagnostics: closes at once without a word (a crash)
 *
 * A pool worker that errors or stays silent too long is replaced and its part run again from
 * the start; what it already sent stays (a part's results are the same every time).
 */
import type { FeatureSettings } from '../../engine/analysis/runAnalysis';
import type { ExperimentConfig } from '../../engine/core/experiment';
import type { Clause } from '../../engine/core/types';
import type { LabPart } from '../../engine/labs/labParts';

export type PoolCommand = { type: 'run'; job: number; config: ExperimentConfig; clauses: Clause[]; backend: string; features: FeatureSettings; part: LabPart } | { type: 'exit' };

/** A part's lab progress as the lab reports it (at least done and total model-steps). */
export type PartProgress = { done: number; total: number } & Record<string, number | string>;

export type PoolEvent =
  | { type: 'progress'; job: number; progress: PartProgress }
  | { type: 'output'; job: number; from: number; dense: unknown[]; results: unknown[]; done: boolean }
  | { type: 'failed'; job: number; message: string };
