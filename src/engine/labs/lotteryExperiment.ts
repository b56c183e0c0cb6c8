/**
 * The lottery-ticket lab as a resumable computation (SPEC 5): from a finished dense run, prune
 * by magnitude (one-shot to each target, or IMP rounds of 20% that stop exactly at each
 * target), rewind the kept weights to step k_r, and retrain with the mask fixed, from data step
 * k_r to the last step, beside two controls at the same sparsity: the ticket's mask on a fresh
 * random init, and a random mask on the original init. Extra seeds first get their own dense
 * run (init and data seeds changed, the task kept).
 *
 *   seeds' dense runs ──▶ phase 1 … phase P ──▶ done        (IMP: one phase per round;
 *   (one batch)            (one batch each: every seed ×      one-shot: a single phase)
 *                           ticket + 2 controls)
 *
 * Every phase trains all of its models in ONE batched computation. `advance(steps)` moves the
 * current phase on by a few steps, so the worker can interleave commands (cancel) and report
 * progress; results of finished phases are kept whatever happens later.
 * `own`: the dense run on show (its seed first in `settings.seeds`); null trains every seed's.
 */
import { locationState, rowsPerClause, type FeatureSettings } from '../analysis/runAnalysis';
import { createBatchedTrainer } from '../trainers/createBatchedTrainer';
import type { BatchedTrainer, ModelSpec } from '../trainers/batchedTrainer';
import type { Experiment } from '../core/experiment';
import { keptBudget, magnitudeMask, maskedCount, prunableCount, randomMask, reexpression, reinitControl, rewind, supportedLocations, type PruneScope, type Reexpression } from '../lottery';
import { lotteryPlan, lotterySchedule } from './labPlan';
import { dataSeedFor } from '../core/seeds';
import { rederive } from './rederive';
import { initParams } from '../core/params';
import { mixSeed } from '../core/prng';
import type { Masks, Params } from '../core/types';

export type TicketMethod = 'ticket' | 'reinit' | 'random-mask';
export const TICKET_METHODS: readonly TicketMethod[] = ['ticket', 'reinit', 'random-mask'];

export interface LotterySettings {
  mode: 'oneshot' | 'imp';
  scope: PruneScope;
  /** Target sparsities in (0, 1). */
  sparsities: number[];
  /** k_r: a step of the dense run with a kept snapshot (0 = initialization). */
  rewindStep: number;
  /** Seeds to run: the first is the dense run's own (its init and data seeds); each other seed s trains with init seed s and data seed s. */
  seeds: number[];
}

/** The dense run of one seed, as the lab needs it. */
export interface DenseRun {
  seed: number;
  dataSeed: number;
  init: Params;
  /** Parameters at the rewind step k_r. */
  atRewind: Params;
  final: Params;
  finalCodes: number[][];
  balancedAccuracy: number;
  exactMatch: number;
}

export interface TicketResult {
  method: TicketMethod;
  /** How the ticket's mask was found: iterative (IMP) or one-shot magnitude pruning. */
  mode: LotterySettings['mode'];
  seed: number;
  /** IMP round (1-based) or 1 for one-shot. */
  round: number;
  kept: number;
  sparsity: number;
  /** True when this kept count is one of the requested sparsities. */
  target: boolean;
  rewindStep: number;
  masks: Masks;
  final: Params;
  balancedAccuracy: number;
  exactMatch: number;
  /** Rows coding each clause after retraining. */
  codes: number[][];
  reexpression: Reexpression[];
  /** [m*K]: 1 where the mask keeps a location's whole clause code (SPEC 5). */
  supported: Uint8Array;
}

interface Phase {
  label: string;
  round: number;
  kept: number;
  startStep: number;
  models: { spec: ModelSpec; seed: number; method: TicketMethod | 'dense' }[];
}

export interface LotteryProgress {
  /** Model-steps done and in all (extra seeds' dense runs included). */
  done: number;
  total: number;
  phase: string;
  phaseIndex: number;
  phases: number;
  /** Data step the current phase's networks have reached, and the last step. */
  step: number;
  lastStep: number;
}

export class LotteryExperiment {
  readonly results: TicketResult[] = [];
  readonly denseRuns: DenseRun[] = [];
  private trainer: BatchedTrainer | null = null;
  private phase: Phase | null = null;
  private phaseIndex = 0;
  private readonly phaseCount: number;
  private readonly schedule: number[];
  private readonly targets: Set<number>;
  private doneSteps = 0;
  private readonly totalSteps: number;
  /** Per seed: the previous IMP round's ticket (mask and retrained weights). */
  private readonly chain = new Map<number, { masks: Masks | null; params: Params }>();
  /** Extra seeds' dense runs, captured at k_r while they train. */
  private readonly pendingRewind = new Map<number, Params>();

  constructor(
    private readonly backend: string,
    private readonly experiment: Experiment,
    own: DenseRun | null,
    private features: FeatureSettings,
    readonly settings: LotterySettings,
  ) {
    const { shape, config } = experiment;
    this.targets = new Set(settings.sparsities.map((s) => keptBudget(s, shape)));
    this.schedule = lotterySchedule(shape, settings.mode, settings.sparsities);
    const extra = settings.seeds.length - (own ? 1 : 0);
    // Model-steps: dense runs (the plan's count; the first seed's too without `own`), then the tickets.
    this.totalSteps = lotteryPlan(shape, config.train.steps, settings).modelSteps + (own ? 0 : config.train.steps);
    this.phaseCount = (settings.mode === 'imp' ? this.schedule.length : 1) + (extra > 0 ? 1 : 0);
    if (own) {
      this.denseRuns.push(own);
      this.chain.set(own.seed, { masks: null, params: own.final });
    }
    this.startPhase();
  }

  get finished(): boolean {
    return this.phase === null;
  }

  progress(): LotteryProgress {
    const inPhase = this.trainer ? (this.trainer.step - this.phase!.startStep) * this.trainer.size : 0;
    return {
      done: this.doneSteps + inPhase,
      total: this.totalSteps,
      phase: this.phase?.label ?? 'done',
      phaseIndex: Math.min(this.phaseIndex, this.phaseCount),
      phases: this.phaseCount,
      step: this.trainer?.step ?? this.experiment.config.train.steps,
      lastStep: this.experiment.config.train.steps,
    };
  }

  /** Trains the current phase by up to `steps` steps; finishing a phase records its results and starts the next. */
  advance(steps: number): void {
    if (!this.phase || !this.trainer) return;
    const end = this.experiment.config.train.steps;
    const rewindAt = this.settings.rewindStep;
    let todo = Math.min(steps, end - this.trainer.step);
    // The extra seeds' dense phase stops at k_r once, to keep the rewind point.
    if (this.phase.label.startsWith('dense') && this.trainer.step < rewindAt) todo = Math.min(todo, rewindAt - this.trainer.step);
    this.trainer.train(todo);
    if (this.phase.label.startsWith('dense') && this.trainer.step === rewindAt) {
      this.phase.models.forEach((m, i) => this.pendingRewind.set(m.seed, this.trainer!.params(i)));
    }
    if (this.trainer.step >= end) this.finishPhase();
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.phase = null;
  }

  private startPhase(): void {
    const { settings, experiment } = this;
    const shape = experiment.shape;
    const extraSeeds = settings.seeds.filter((s) => !this.denseRuns.some((d) => d.seed === s));
    let phase: Phase;
    if (extraSeeds.length > 0) {
      phase = {
        label: `dense runs of ${extraSeeds.length} more seed${extraSeeds.length > 1 ? 's' : ''}`,
        round: 0,
        kept: prunableCount(shape),
        startStep: 0,
        models: extraSeeds.map((seed) => ({ seed, method: 'dense' as const, spec: { init: initParams(shape, seed), masks: null, dataSeed: dataSeedFor(seed, experiment.config.seeds) } })),
      };
    } else {
      const round = this.results.length === 0 ? 1 : Math.max(...this.results.map((r) => r.round)) + 1;
      if (settings.mode === 'oneshot' ? round > 1 : round > this.schedule.length) {
        this.phase = null;
        this.trainer = null;
        return;
      }
      const counts = settings.mode === 'imp' ? [this.schedule[round - 1]] : this.schedule;
      const models: Phase['models'] = [];
      for (const run of this.denseRuns) {
        for (const kept of counts) {
          const prev = settings.mode === 'imp' ? this.chain.get(run.seed)! : { masks: null, params: run.final };
          const ticketMask = magnitudeMask(prev.params, prev.masks, kept, settings.scope);
          const seedMix = mixSeed(run.seed, round, kept);
          models.push(
            { seed: run.seed, method: 'ticket', spec: { init: rewind(run.atRewind, ticketMask), masks: ticketMask, dataSeed: run.dataSeed } },
            { seed: run.seed, method: 'reinit', spec: { init: reinitControl(shape, ticketMask, seedMix), masks: ticketMask, dataSeed: run.dataSeed } },
            {
              seed: run.seed,
              method: 'random-mask',
              spec: (() => {
                const masks = randomMask(shape, kept, seedMix);
                return { init: rewind(run.atRewind, masks), masks, dataSeed: run.dataSeed };
              })(),
            },
          );
        }
      }
      const sparsity = settings.mode === 'imp' ? ` at ${(100 * (1 - counts[0] / prunableCount(shape))).toFixed(1)}% sparsity` : '';
      phase = {
        label: settings.mode === 'imp' ? `IMP round ${round} of ${this.schedule.length}${sparsity}` : `one-shot tickets at ${counts.length} sparsities`,
        round,
        kept: counts[0],
        startStep: settings.rewindStep,
        models,
      };
    }
    this.phase = phase;
    this.phaseIndex++;
    this.trainer = createBatchedTrainer(this.backend, {
      task: experiment.task,
      train: experiment.config.train,
      models: phase.models.map((m) => m.spec),
      startStep: phase.startStep,
    });
  }

  /**
   * New analysis settings: every seed's dense codes and every ticket's codes and re-expression
   * are re-derived from the kept weights (in place), and tickets still to come are analysed at them.
   */
  setFeatures(features: FeatureSettings): void {
    this.features = features;
    const { dense, results } = rederive(this.denseRuns, this.results, this.experiment, features);
    this.denseRuns.splice(0, this.denseRuns.length, ...dense);
    this.results.splice(0, this.results.length, ...results.map(({ codeRecovery: _c, familyRecovery: _f, ...t }) => t));
  }

  private finishPhase(): void {
    const phase = this.phase!;
    const trainer = this.trainer!;
    const { experiment, features, settings } = this;
    const { shape, task } = experiment;
    const total = prunableCount(shape);
    phase.models.forEach((m, i) => {
      const params = trainer.params(i);
      const metrics = experiment.evaluator.evaluate(params);
      const state = locationState(params, shape, task.clauses, features);
      const codes = rowsPerClause(state.codes, shape.m, shape.K);
      if (m.method === 'dense') {
        this.denseRuns.push({
          seed: m.seed,
          dataSeed: m.spec.dataSeed,
          init: m.spec.init,
          atRewind: this.pendingRewind.get(m.seed) ?? m.spec.init,
          final: params,
          finalCodes: codes,
          balancedAccuracy: metrics.balancedAccuracy,
          exactMatch: metrics.exactMatch,
        });
        this.chain.set(m.seed, { masks: null, params });
        return;
      }
      const masks = m.spec.masks!;
      const kept = maskedCount(masks);
      const dense = this.denseRuns.find((d) => d.seed === m.seed)!;
      const result: TicketResult = {
        method: m.method,
        mode: settings.mode,
        seed: m.seed,
        round: phase.round,
        kept,
        sparsity: 1 - kept / total,
        target: this.targets.has(kept),
        rewindStep: settings.rewindStep,
        masks,
        final: params,
        balancedAccuracy: metrics.balancedAccuracy,
        exactMatch: metrics.exactMatch,
        codes,
        reexpression: reexpression(dense.finalCodes, codes),
        supported: supportedLocations(masks, task.clauses, shape),
      };
      this.results.push(result);
      if (m.method === 'ticket' && settings.mode === 'imp') this.chain.set(m.seed, { masks, params });
    });
    this.doneSteps += (trainer.step - phase.startStep) * trainer.size;
    trainer.dispose();
    this.trainer = null;
    this.startPhase();
  }
}
