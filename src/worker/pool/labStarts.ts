/**
 * Where a lab runs: on a pool of workers (pooledLabs.ts) when the run trains on a fused CPU
 * backend, the pool has room for more than one worker and the lab has more than one seed; in
 * one piece in the training worker otherwise (tfjs backends train in the worker that holds
 * their context; one worker or one seed gains nothing from a pool).
 */
import type { FeatureSettings } from '../../engine/analysis/runAnalysis';
import type { Experiment } from '../../engine/core/experiment';
import { type DenseRun, LotteryExperiment, type LotterySettings } from '../../engine/labs/lotteryExperiment';
import { type ComparisonSettings, ProbeComparison, type SeedRun } from '../../engine/labs/probeComparison';
import { SeedSweep, type SweepRun } from '../../engine/labs/seedSweep';
import { type PoolChoice, PooledComparison, PooledLottery, PooledSweep, poolSize } from './pooledLabs';
import { fusedBackend } from './tfjsProbes';
import type { PoolHost } from './workerPool';

export type ComparisonLab = ProbeComparison | PooledComparison;
export type LotteryLab = LotteryExperiment | PooledLottery;
export type SweepLab = SeedSweep | PooledSweep;

/** What the training worker's entry offers: a way to start pool workers, and the cores it sees (absent in tests: labs run in one piece). */
export interface PoolSource {
  pool?: PoolHost;
  cores?: number;
}

/** The run a lab starts from: its experiment, the backend it trained on, the `workers` setting and the analysis settings. */
export interface LabBase {
  experiment: Experiment;
  backend: string;
  workers: number;
  features: FeatureSettings;
}

function choice(source: PoolSource, base: LabBase, parts: number): PoolChoice | null {
  const size = poolSize(base.workers, source.cores);
  return source.pool && size > 1 && parts > 1 && fusedBackend(base.backend) ? { host: source.pool, size } : null;
}

export function comparisonLab(source: PoolSource, base: LabBase, own: SeedRun, settings: ComparisonSettings): ComparisonLab {
  const { experiment, backend, features } = base;
  const pool = choice(source, base, settings.seeds.length);
  return pool ? new PooledComparison(pool, experiment, backend, own, features, settings) : new ProbeComparison(backend, experiment, own, features, settings);
}

export function lotteryLab(source: PoolSource, base: LabBase, own: DenseRun, settings: LotterySettings): LotteryLab {
  const { experiment, backend, features } = base;
  const pool = choice(source, base, settings.seeds.length);
  return pool ? new PooledLottery(pool, experiment, backend, own, features, settings) : new LotteryExperiment(backend, experiment, own, features, settings);
}

export function sweepLab(source: PoolSource, base: LabBase, main: SweepRun, seeds: number[]): SweepLab {
  const { experiment, backend, features } = base;
  const pool = choice(source, base, new Set(seeds).size - 1);
  return pool ? new PooledSweep(pool, experiment, backend, main, seeds, features) : new SeedSweep(backend, experiment, main, seeds);
}

/** Diagnostics: one busy pool worker of a running pooled lab closes without a word; false when none runs. */
export function crashPoolWorker(labs: readonly ({ finished: boolean } | null)[]): boolean {
  return labs.some((lab) => lab && !lab.finished && 'crashOne' in lab && (lab as PooledComparison).crashOne());
}
