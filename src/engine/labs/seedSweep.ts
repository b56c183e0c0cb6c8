/**
 * Claims across seeds (SPEC 8): the dense runs of extra seeds, trained together in one batched
 * computation, and claims 1 and 2 pooled over them and the main run. Seed s starts from init
 * seed s and trains on its own data stream (core/seeds.ts). Only the initial and final weights
 * of each run are kept: the claims read d₀ at init and the codes at the end, so a change of τ,
 * τ_out, r or the precursor-readout rule re-derives them (claimsAt) without retraining.
 *
 *   new SeedSweep(...) ─advance(n)*─▶ finished ─claimsAt(features)─▶ { seeds, proximity, rejection }
 */
import { locationState, summarizeRun, type FeatureSettings } from '../analysis/runAnalysis';
import type { Experiment } from '../core/experiment';
import { initParams } from '../core/params';
import { dataSeedFor } from '../core/seeds';
import type { Params } from '../core/types';
import { proximityClaim, rejectionClaim, type ProximityClaim, type RejectionClaim, type SeedAnalysis } from '../claims/proximity';
import type { BatchedTrainer } from '../trainers/batchedTrainer';
import { createBatchedTrainer } from '../trainers/createBatchedTrainer';
import { codesAt } from './rederive';

/** One seed's dense run: what the run file's `seedRuns` and the claims need. */
export interface SweepRun {
  seed: number;
  dataSeed: number;
  init: Params;
  final: Params;
  balancedAccuracy: number;
  exactMatch: number;
}

export interface SeedClaims {
  /** The seeds pooled, the main run's first. */
  seeds: number[];
  proximity: ProximityClaim;
  rejection: RejectionClaim;
}

export class SeedSweep {
  readonly runs: SweepRun[] = [];
  private trainer: BatchedTrainer | null;
  private readonly pending: { seed: number; dataSeed: number; init: Params }[];

  /** `main`: the dense run on screen (its seed first in the pool); `seeds`: every seed to pool, main's included. */
  constructor(
    backend: string,
    private readonly experiment: Experiment,
    main: SweepRun,
    seeds: readonly number[],
  ) {
    this.runs.push(main);
    const { shape, config } = experiment;
    this.pending = [...new Set(seeds)].filter((s) => s !== main.seed).map((seed) => ({ seed, dataSeed: dataSeedFor(seed, config.seeds), init: initParams(shape, seed) }));
    this.trainer =
      this.pending.length === 0
        ? null
        : createBatchedTrainer(backend, {
            task: experiment.task,
            train: config.train,
            models: this.pending.map((p) => ({ init: p.init, masks: null, dataSeed: p.dataSeed })),
            startStep: 0,
          });
  }

  get finished(): boolean {
    return this.trainer === null;
  }

  /** The extra seeds' finished runs (a Lab's results: they arrive together at the end). */
  get results(): SweepRun[] {
    return this.runs.slice(1);
  }

  /** Model-steps done and to do, for a progress bar. */
  progress(): { done: number; total: number; step: number; lastStep: number } {
    const last = this.experiment.config.train.steps;
    const step = this.trainer?.step ?? last;
    return { done: step * this.pending.length, total: last * this.pending.length, step, lastStep: last };
  }

  /** Trains every extra seed by up to `steps` steps; at the last step, scores and keeps them. */
  advance(steps: number): void {
    const t = this.trainer;
    if (!t) return;
    const end = this.experiment.config.train.steps;
    t.train(Math.min(steps, end - t.step));
    if (t.step < end) return;
    this.pending.forEach((p, i) => {
      const final = t.params(i);
      this.runs.push({ ...p, final, ...pick(this.experiment.evaluator.evaluate(final)) });
    });
    t.dispose();
    this.trainer = null;
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = null;
  }

  /** A run's final codes at these feature settings. */
  codesOf(run: Pick<SweepRun, 'init' | 'final'>, features: FeatureSettings): number[][] {
    return codesAt(run.final, this.experiment, features);
  }

  /** Claims 1 and 2 over every finished run, at these feature settings. */
  claimsAt(features: FeatureSettings): SeedClaims {
    return claimsOver(this.runs, this.experiment, features);
  }
}

const pick = (m: { balancedAccuracy: number; exactMatch: number }) => ({ balancedAccuracy: m.balancedAccuracy, exactMatch: m.exactMatch });

/** One run's analysis from its initial and final weights alone (what claims 1 and 2 read). */
export function seedAnalysis(run: Pick<SweepRun, 'init' | 'final'>, experiment: Experiment, features: FeatureSettings): SeedAnalysis & { finalCodes: number[][] } {
  const { shape, task } = experiment;
  const first = locationState(run.init, shape, task.clauses, features);
  const last = locationState(run.final, shape, task.clauses, features);
  const a = summarizeRun(first, last, [], shape, task.clauses, features);
  return { d0: a.d0, finalCodes: a.finalCodes, precursors: a.precursors, crowd0: a.crowd0 };
}

/** Claims 1 and 2 pooled over `runs` (any order; reported in that order). */
export function claimsOver(runs: readonly Pick<SweepRun, 'seed' | 'init' | 'final'>[], experiment: Experiment, features: FeatureSettings): SeedClaims {
  const k = experiment.config.task.k;
  const analyses = runs.map((r) => seedAnalysis(r, experiment, features));
  return { seeds: runs.map((r) => r.seed), proximity: proximityClaim(analyses, k), rejection: rejectionClaim(analyses) };
}
