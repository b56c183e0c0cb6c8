/**
 * The probe comparison (SPEC 6) as a resumable computation: every method finds a mask at the
 * same number of kept weights, each mask is rewound to θ0 and retrained, and the results are
 * scored (balanced accuracy, exact code recovery, family recovery) per method, sparsity and
 * seed.
 *
 *   extra seeds' dense runs ──▶ IMP rounds (if IMP is chosen; ──▶ retrain every method's mask,
 *   (one batch, θ_s kept)       tickets only; one batch per      one batch per (seed, sparsity)
 *                               round, across seeds)
 *
 * `advance(steps)` moves the current phase a few steps on, so the worker can report progress
 * and cancel between calls; each (seed, sparsity) adds its results as it finishes, and they
 * are kept if the comparison is cancelled later.
 *
 * `own` is the dense run already on show (its seed first in `settings.seeds`); null trains every
 * seed's dense run here (one seed's share of a comparison split across workers: labParts.ts).
 */
import type { FeatureSettings } from '../analysis/runAnalysis';
import type { BatchedTrainer, ModelSpec } from '../trainers/batchedTrainer';
import { createBatchedTrainer } from '../trainers/createBatchedTrainer';
import { createTrainer } from '../trainers/createTrainer';
import type { Experiment } from '../core/experiment';
import { keptBudget, magnitudeMask, prunableCount, rewind, supportedLocations } from '../lottery';
import { comparisonImpCounts, comparisonPlan } from './labPlan';
import { dataSeedFor } from '../core/seeds';
import { codesAt, maskNumbers, rederive } from './rederive';
import type { Reexpression } from '../lottery/reexpression';
import { initParams } from '../core/params';
import { MASK_MAKERS, type MaskContext } from '../probes/maskMakers';
import type { ProbeChoice } from '../probes/select';
import { trainingBatch } from '../core/task';
import type { Masks, Params } from '../core/types';
import { METHOD_IDS, type MethodId } from '../probes/registry';

export { METHOD_IDS, type MethodId };

export interface ComparisonSettings {
  methods: MethodId[];
  sparsities: number[];
  /** The first is the dense run's own seed; each other seed s trains with init seed s on its own data stream (core/seeds.ts). */
  seeds: number[];
  lambda: number;
  /** Motion window s: dense steps before the motion probe reads θ_s. */
  motionSteps: number;
}

export interface SeedRun {
  seed: number;
  dataSeed: number;
  init: Params;
  final: Params;
  finalCodes: number[][];
  balancedAccuracy: number;
  exactMatch: number;
}

export interface ComparisonResult {
  method: MethodId;
  seed: number;
  sparsity: number;
  kept: number;
  masks: Masks;
  final: Params;
  balancedAccuracy: number;
  exactMatch: number;
  codes: number[][];
  /** Fraction of clauses with a code after retraining. */
  codeRecovery: number;
  /** Fraction of densely coded clauses (F_c not empty) whose final code location the mask supports. */
  familyRecovery: number;
  /** Where each clause went, against its seed's dense final codes (SPEC 5). */
  reexpression: Reexpression[];
  /** Distance and motion probes: what they chose and why. */
  choices: ProbeChoice[] | null;
  /** [m*K]: 1 where the mask keeps a location's whole clause code (SPEC 5). */
  supported: Uint8Array;
}

export interface ComparisonProgress {
  done: number;
  total: number;
  phase: string;
}

type Job = { seed: number; method: MethodId | 'dense' | 'imp-round'; kept: number; spec: ModelSpec; choices: ProbeChoice[] | null };

export class ProbeComparison {
  readonly results: ComparisonResult[] = [];
  readonly seedRuns: SeedRun[] = [];
  private trainer: BatchedTrainer | null = null;
  private jobs: Job[] = [];
  private phase = '';
  private stage: 'dense' | 'imp' | 'final' | 'done' = 'dense';
  private impRound = 0;
  /** Next (seed, sparsity) cell of the final stage, as an index seed * sparsities + sparsity. */
  private cell = 0;
  private readonly impCounts: number[];
  private readonly chain = new Map<number, { masks: Masks | null; params: Params }>();
  private readonly impMasks = new Map<string, Masks>();
  private readonly atS = new Map<number, Params>();
  private doneSteps = 0;
  private readonly totalSteps: number;
  /** τ of the distance and motion probes' choices: the analysis τ when the comparison began. */
  readonly probeTau: number;

  constructor(
    private readonly backend: string,
    private readonly experiment: Experiment,
    own: SeedRun | null,
    private features: FeatureSettings,
    readonly settings: ComparisonSettings,
  ) {
    // The probes choose their masks at the τ the comparison started with; the analysis of what
    // retraining made of them follows the page's settings (setFeatures).
    this.probeTau = features.tau;
    const steps = experiment.config.train.steps;
    this.impCounts = comparisonImpCounts(experiment.shape, settings.methods, settings.sparsities);
    // The plan counts every seed but the first as needing a dense run; without `own` the first does too.
    this.totalSteps = comparisonPlan(experiment.shape, steps, settings).modelSteps + (own ? 0 : steps);
    if (own) {
      this.seedRuns.push(own);
      this.atS.set(own.seed, trainFor(backend, experiment, own.init, own.dataSeed, settings.motionSteps));
      this.chain.set(own.seed, { masks: null, params: own.final });
    }
    this.next();
  }

  get finished(): boolean {
    return this.stage === 'done';
  }

  progress(): ComparisonProgress {
    const inPhase = this.trainer ? this.trainer.step * this.trainer.size : 0;
    return { done: this.doneSteps + inPhase, total: this.totalSteps, phase: this.phase };
  }

  advance(steps: number): void {
    const trainer = this.trainer;
    if (!trainer) return;
    const end = this.experiment.config.train.steps;
    let todo = Math.min(steps, end - trainer.step);
    const s = this.settings.motionSteps;
    if (this.stage === 'dense' && trainer.step < s) todo = Math.min(todo, s - trainer.step);
    trainer.train(todo);
    if (this.stage === 'dense' && trainer.step === s) this.jobs.forEach((j, i) => this.atS.set(j.seed, trainer.params(i)));
    if (trainer.step >= end) this.finishPhase();
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.stage = 'done';
  }

  /** Starts the next phase that has work, or ends. */
  private next(): void {
    const { experiment, settings } = this;
    const shape = experiment.shape;
    if (this.stage === 'dense') {
      const extra = settings.seeds.filter((s) => !this.seedRuns.some((r) => r.seed === s));
      if (extra.length > 0) {
        this.phase = `dense runs of ${extra.length} more seed${extra.length > 1 ? 's' : ''}`;
        return this.start(
          extra.map((seed) => ({
            seed,
            method: 'dense',
            kept: prunableCount(shape),
            spec: { init: initParams(shape, seed), masks: null, dataSeed: dataSeedFor(seed, experiment.config.seeds) },
            choices: null,
          })),
        );
      }
      this.stage = 'imp';
    }
    if (this.stage === 'imp') {
      if (this.impRound < this.impCounts.length) {
        const kept = this.impCounts[this.impRound++];
        this.phase = `IMP round ${this.impRound} of ${this.impCounts.length}`;
        return this.start(
          this.seedRuns.map((run) => {
            const prev = this.chain.get(run.seed)!;
            const masks = magnitudeMask(prev.params, prev.masks, kept, 'global');
            this.impMasks.set(`${run.seed}|${kept}`, masks);
            return { seed: run.seed, method: 'imp-round' as const, kept, spec: { init: rewind(run.init, masks), masks, dataSeed: run.dataSeed }, choices: null };
          }),
        );
      }
      this.stage = 'final';
    }
    const cells = this.seedRuns.length * settings.sparsities.length;
    if (this.stage === 'final' && this.cell < cells) {
      const run = this.seedRuns[Math.floor(this.cell / settings.sparsities.length)];
      const sparsity = settings.sparsities[this.cell % settings.sparsities.length];
      this.cell++;
      this.phase = `seed ${run.seed}, ${Math.round(sparsity * 100)}% sparsity: ${settings.methods.length} masks (${this.cell} of ${cells})`;
      return this.start(this.cellJobs(run, sparsity));
    }
    this.stage = 'done';
    this.trainer = null;
  }

  /** Every chosen method's mask for one seed at one sparsity (the registry's MASK_MAKERS), each rewound to that seed's θ0. */
  private cellJobs(run: SeedRun, sparsity: number): Job[] {
    const { experiment, settings } = this;
    const { shape, task } = experiment;
    const kept = keptBudget(sparsity, shape);
    const context: MaskContext = {
      shape,
      clauses: task.clauses,
      kept,
      seed: run.seed,
      init: run.init,
      final: run.final,
      atMotion: this.atS.get(run.seed)!,
      batch0: trainingBatch(task, experiment.config.train.batch, run.dataSeed, 0),
      tau: this.probeTau,
      lambda: settings.lambda,
      impTicket: () => this.impMasks.get(`${run.seed}|${kept}`)!,
    };
    return settings.methods.map((method) => {
      const { masks, choices } = MASK_MAKERS[method](context);
      return { seed: run.seed, method, kept, spec: { init: rewind(run.init, masks), masks, dataSeed: run.dataSeed }, choices };
    });
  }

  private start(jobs: Job[]): void {
    this.jobs = jobs;
    const { experiment } = this;
    this.trainer = createBatchedTrainer(this.backend, { task: experiment.task, train: experiment.config.train, models: jobs.map((j) => j.spec), startStep: 0 });
  }

  /**
   * New analysis settings: every seed's dense codes and every result's codes, re-expression and
   * recoveries are re-derived from the kept weights (in place), and results still to come are
   * analysed at them. The masks the probes chose stay (they were chosen at probeTau).
   */
  setFeatures(features: FeatureSettings): void {
    this.features = features;
    const { dense, results } = rederive(this.seedRuns, this.results, this.experiment, features);
    this.seedRuns.splice(0, this.seedRuns.length, ...dense);
    this.results.splice(0, this.results.length, ...results);
  }

  private finishPhase(): void {
    const trainer = this.trainer!;
    const { experiment, features } = this;
    const { shape, task } = experiment;
    this.jobs.forEach((job, i) => {
      const params = trainer.params(i);
      if (job.method === 'imp-round') {
        this.chain.set(job.seed, { masks: job.spec.masks, params });
        return;
      }
      const metrics = experiment.evaluator.evaluate(params);
      if (job.method === 'dense') {
        const codes = codesAt(params, experiment, features);
        this.seedRuns.push({ seed: job.seed, dataSeed: job.spec.dataSeed, init: job.spec.init, final: params, finalCodes: codes, ...metrics });
        this.chain.set(job.seed, { masks: null, params });
        return;
      }
      const masks = job.spec.masks!;
      const dense = this.seedRuns.find((r) => r.seed === job.seed)!;
      const supported = supportedLocations(masks, task.clauses, shape);
      this.results.push({
        method: job.method,
        seed: job.seed,
        sparsity: 1 - job.kept / prunableCount(shape),
        kept: job.kept,
        masks,
        final: params,
        balancedAccuracy: metrics.balancedAccuracy,
        exactMatch: metrics.exactMatch,
        choices: job.choices,
        supported,
        ...maskNumbers({ final: params, supported }, dense.finalCodes, experiment, features),
      });
    });
    this.doneSteps += trainer.step * trainer.size;
    trainer.dispose();
    this.trainer = null;
    this.next();
  }
}

/** θ after `steps` dense steps from `init` (the motion probe's θ_s for the run's own seed). */
function trainFor(backend: string, experiment: Experiment, init: Params, dataSeed: number, steps: number): Params {
  const t = createTrainer(backend === 'fused-wasm' || backend === 'fused-js' ? backend : 'fused-js', {
    task: experiment.task,
    train: experiment.config.train,
    dataSeed,
    init,
    masks: null,
    startStep: 0,
  });
  t.train(steps);
  const p = t.params();
  t.dispose();
  return p;
}
