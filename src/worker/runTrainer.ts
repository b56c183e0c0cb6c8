/**
 * The run's trainer and where it continues from: built at step 0, or at the last kept
 * snapshot from the optimizer state kept with it (the resume point), or rebuilt by retraining
 * up to that snapshot when that state is missing; and the capture that keeps a snapshot
 * together with its optimizer state.
 */
import type { Experiment } from '../engine/core/experiment';
import { maxAbsDiff } from '../engine/core/params';
import { createTrainer } from '../engine/trainers/createTrainer';
import type { OptimizerState, Trainer } from '../engine/trainers/trainer';
import type { Settings } from '../settings/settings';
import type { BackendInfo } from './protocol';
import type { Kept, RunHistory } from './runHistory';

export interface ResumePoint {
  step: number;
  state: OptimizerState;
}

/** What the trainer needs of the session. */
export interface TrainerHost {
  /** The run's configuration; throws when there is none yet. */
  need(): { experiment: Experiment; settings: Settings; backend: BackendInfo };
  history(): RunHistory | null;
  /** True while the run on show came from a run file: it has no trainer. */
  imported(): boolean;
  /** Throws when the GL context the run trains on is lost (gpuRecovery.ts). */
  checkContext(): void;
  keepAlive(): void;
  /** Sends a snapshot the history has just kept (snapshotStream.ts). */
  queue(kept: { kept: Kept; dropped: number[] }): void;
}

export class RunTrainer {
  /** Null for an imported run (no optimizer state to continue from), and until a replay. */
  private trainer: Trainer | null = null;
  /** The optimizer state at the last kept snapshot (null for an imported run). */
  private resume: ResumePoint | null = null;
  /**
   * True when the trainer must first be rebuilt by retraining from step 0 to the last kept
   * snapshot: a restored run whose optimizer state the page did not have.
   */
  private replayNeeded = false;

  constructor(private readonly host: TrainerHost) {}

  get current(): Trainer | null {
    return this.trainer;
  }

  get resumePoint(): ResumePoint | null {
    return this.resume;
  }

  /** The step the run is at: its trainer's, else its last kept snapshot's. */
  get step(): number {
    return this.trainer?.step ?? this.host.history()?.last?.step ?? 0;
  }

  /** For a new run: the old trainer goes; `fresh`: a new one at step 0, else none for now. */
  replace(fresh: boolean): void {
    this.trainer?.dispose();
    this.trainer = fresh ? this.atInit() : null;
  }

  /** For a new run: no resume point, no replay due. */
  forgetResume(): void {
    this.resume = null;
    this.replayNeeded = false;
  }

  /**
   * For a restored run: continues from its last kept snapshot with `state`, the optimizer
   * state there, where it fits this model; else (or without one) by a replay (replayIfNeeded).
   */
  continueFrom(state: OptimizerState | null): void {
    if (state) {
      try {
        this.resume = { step: this.host.history()!.last!.step, state };
        this.atLast();
      } catch {
        // A state that does not fit this model: rebuild it by retraining instead.
        this.resume = null;
      }
    }
    if (!this.trainer) this.atLast();
  }

  /** Drops the trainer of a lost GL context. */
  dropLost(): void {
    try {
      this.trainer?.dispose();
    } catch {
      // A lost context's memory is gone with it.
    }
    this.trainer = null;
  }

  /**
   * Builds the trainer at the last kept snapshot on the current backend, from the optimizer
   * state kept with it; without that state, marks the trainer to be rebuilt by retraining
   * (replayIfNeeded). An imported run has no trainer.
   */
  atLast(): void {
    const { experiment, settings, backend } = this.host.need();
    const last = this.host.history()?.last;
    this.trainer = null;
    if (this.host.imported() || !last) return;
    if (this.resume?.step !== last.step) {
      this.replayNeeded = true;
      return;
    }
    this.trainer = createTrainer(backend.active, {
      task: experiment.task,
      train: experiment.config.train,
      dataSeed: settings.seedData,
      init: last.params,
      masks: null,
      startStep: last.step,
      resume: this.resume.state,
    });
  }

  /**
   * Without the optimizer state of the last snapshot (a restore that had none), the trainer
   * is rebuilt by retraining from step 0 to that snapshot's step: the same seeds draw the same
   * batches, so on the same backend this reproduces the kept weights exactly. On another
   * backend float rounding may differ slightly; the retrained weights then replace the last
   * snapshot (sent again), so what the page shows is what training continues from.
   */
  replayIfNeeded(): void {
    if (!this.replayNeeded) return;
    const history = this.host.history()!;
    const last = history.last!;
    const trainer = this.atInit();
    try {
      while (trainer.step < last.step) {
        this.host.checkContext();
        trainer.train(Math.min(100, last.step - trainer.step));
        this.host.keepAlive();
      }
      this.host.checkContext();
      const params = trainer.params();
      const state = trainer.optimizerState();
      this.host.checkContext();
      this.trainer = trainer;
      this.replayNeeded = false;
      this.resume = { step: last.step, state };
      if (maxAbsDiff(params, last.params) !== 0) this.host.queue(history.keep(last.step, params));
    } catch (err) {
      if (this.trainer !== trainer) trainer.dispose();
      throw err;
    }
  }

  /**
   * Keeps a snapshot of the current step (once per step), with the optimizer state there, and
   * queues it for the page. Read only while the GL context is alive before and after the
   * readback, so a snapshot read from a lost context is never kept.
   */
  capture(): void {
    const trainer = this.trainer!;
    const history = this.host.history()!;
    if (history.last?.step === trainer.step) return;
    this.host.checkContext();
    const params = trainer.params();
    const state = trainer.optimizerState();
    this.host.checkContext();
    this.resume = { step: trainer.step, state };
    this.host.queue(history.keep(trainer.step, params));
  }

  /** A trainer for this run on the current backend at step 0, from the initial weights. */
  private atInit(): Trainer {
    const { experiment, settings, backend } = this.host.need();
    return createTrainer(backend.active, {
      task: experiment.task,
      train: experiment.config.train,
      dataSeed: settings.seedData,
      init: experiment.init,
      masks: null,
      startStep: 0,
    });
  }
}
