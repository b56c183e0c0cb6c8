/**
 * The three labs on a pool of workers (pooledLab.ts), each with what the session reads of its
 * one-piece twin: the comparison's seed runs, the lottery lab's dense runs and its
 * phase-by-phase progress, the sweep's runs and claims. Totals come from the same plans
 * (engine/labs/labPlan.ts) as the one-piece labs', so a progress bar reads the same either way.
 */
import type { FeatureSettings } from '../../engine/analysis/runAnalysis';
import type { Experiment } from '../../engine/core/experiment';
import { comparisonPlan, lotteryPlan, lotterySchedule } from '../../engine/labs/labPlan';
import { type ComparisonOutput, type LotteryOutput, mergeComparison, mergeLottery, mergeSeeds, type SeedsOutput, splitComparison, splitLottery, splitSeeds } from '../../engine/labs/labParts';
import type { DenseRun, LotteryProgress, LotterySettings, TicketResult } from '../../engine/labs/lotteryExperiment';
import type { ComparisonProgress, ComparisonResult, ComparisonSettings, SeedRun } from '../../engine/labs/probeComparison';
import { codesAt, rederive } from '../../engine/labs/rederive';
import { claimsOver, type SeedClaims, type SweepRun } from '../../engine/labs/seedSweep';
import { PooledLab } from './pooledLab';
import type { PoolHost } from './workerPool';

/** Where the pool's workers come from and how many run at once. */
export interface PoolChoice {
  host: PoolHost;
  size: number;
}

const on = (n: number, size: number) => `${n} seed${n > 1 ? 's' : ''} on ${Math.min(size, n)} workers`;

export class PooledComparison extends PooledLab<ComparisonResult, { seedRuns: SeedRun[]; results: ComparisonResult[] }> {
  private readonly total: number;
  constructor(
    pool: PoolChoice,
    experiment: Experiment,
    backend: string,
    own: SeedRun,
    features: FeatureSettings,
    readonly settings: ComparisonSettings,
  ) {
    const parts = splitComparison(settings, own);
    super({
      ...pool,
      experiment,
      backend,
      features,
      parts,
      merge: (outputs, everything) => mergeComparison(outputs as ComparisonOutput[], parts.length, everything),
      rederive: (dense, results, f) => rederive(dense as SeedRun[], results as ComparisonResult[], experiment, f),
    });
    this.total = comparisonPlan(experiment.shape, experiment.config.train.steps, settings).modelSteps;
  }

  get seedRuns(): SeedRun[] {
    return this.merged.seedRuns;
  }

  progress(): ComparisonProgress {
    const p = this.partsProgress();
    const n = this.settings.seeds.length;
    return { done: p.done, total: this.total, phase: `${on(n, this.workers.size)}, ${p.partsDone} finished${p.behind ? `; slowest: ${p.behind.phase}` : ''}` };
  }
}

export class PooledLottery extends PooledLab<TicketResult, { denseRuns: DenseRun[]; results: TicketResult[] }> {
  private readonly total: number;
  private readonly phases: number[];
  constructor(
    pool: PoolChoice,
    private readonly experiment: Experiment,
    backend: string,
    own: DenseRun,
    features: FeatureSettings,
    readonly settings: LotterySettings,
  ) {
    const parts = splitLottery(settings, own);
    super({
      ...pool,
      experiment,
      backend,
      features,
      parts,
      merge: (outputs, everything) => mergeLottery(outputs as LotteryOutput[], parts.length, everything),
      // As LotteryExperiment.setFeatures: tickets carry no recoveries.
      rederive: (dense, results, f) => {
        const out = rederive(dense as DenseRun[], results as TicketResult[], experiment, f);
        return { dense: out.dense, results: out.results.map(({ codeRecovery: _c, familyRecovery: _f, ...t }) => t) };
      },
    });
    const { shape, config } = experiment;
    this.total = lotteryPlan(shape, config.train.steps, settings).modelSteps;
    const levels = settings.mode === 'imp' ? lotterySchedule(shape, settings.mode, settings.sparsities).length : 1;
    this.phases = parts.map((p) => levels + (p.own ? 0 : 1));
  }

  get denseRuns(): DenseRun[] {
    return this.merged.denseRuns;
  }

  /** Phases count over every part (each seed's own dense run and pruning levels). */
  progress(): LotteryProgress {
    const p = this.partsProgress();
    const lastStep = this.experiment.config.train.steps;
    const n = this.settings.seeds.length;
    return {
      done: p.done,
      total: this.total,
      phase: `${on(n, this.workers.size)}, ${p.partsDone} finished${p.behind ? `; slowest: ${p.behind.phase}` : ''}`,
      phaseIndex: p.each.reduce((a, e) => a + (e ? Number(e.phaseIndex) : 0), 0),
      phases: this.phases.reduce((a, b) => a + b, 0),
      step: p.behind ? Number(p.behind.step) : lastStep,
      lastStep,
    };
  }
}

export class PooledSweep extends PooledLab<SweepRun, { results: SweepRun[]; runs: SweepRun[] }> {
  constructor(
    pool: PoolChoice,
    private readonly experiment: Experiment,
    backend: string,
    main: SweepRun,
    seeds: readonly number[],
    features: FeatureSettings,
  ) {
    const parts = splitSeeds(seeds, main);
    super({
      ...pool,
      experiment,
      backend,
      features,
      parts,
      merge: (outputs, everything) => {
        const runs = mergeSeeds(main, outputs as SeedsOutput[], parts.length, everything);
        return { runs, results: runs.slice(1) };
      },
      rederive: (dense, results) => ({ dense, results }),
    });
  }

  get runs(): SweepRun[] {
    return this.merged.runs;
  }

  progress(): { done: number; total: number; step: number; lastStep: number } {
    const p = this.partsProgress();
    const lastStep = this.experiment.config.train.steps;
    return { done: p.done, total: lastStep * p.each.length, step: p.behind ? Number(p.behind.step) : lastStep, lastStep };
  }

  codesOf(run: Pick<SweepRun, 'init' | 'final'>, features: FeatureSettings): number[][] {
    return codesAt(run.final, this.experiment, features);
  }

  claimsAt(features: FeatureSettings): SeedClaims {
    return claimsOver(this.runs, this.experiment, features);
  }
}

/**
 * The pool's size: the `workers` setting when it is set (1 runs every lab in one piece in the
 * training worker, as before pools); 0 (auto) is one per core, at most 8. The training worker
 * only waits while the pool trains, and the page's share is a progress event 10 times a second,
 * so no core needs to be left idle for them (the bench measures the page's frames meanwhile).
 * Eight workers already split the default comparison's 5 seeds with room; more would only add
 * start-up time and memory.
 */
export function poolSize(workers: number, cores: number | undefined): number {
  if (workers > 0) return workers;
  return Math.max(1, Math.min(cores ?? 1, 8));
}
