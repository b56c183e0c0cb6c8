/**
 * Playback in motion: the play, pause, step and speed commands, and the training they drive.
 * It holds the playback state (moved only through nextPlayback, playback.ts) and the rate.
 *
 * Training runs in time slices of about 10 ms, with a zero-delay yield between slices so that
 * commands (pause, step, speed) are handled at once. Every `snapshotEvery` steps (the
 * history's stride), and wherever training halts, the trainer captures a snapshot for the page.
 */
import type { Settings } from '../settings/settings';
import { nextPlayback, type PlaybackEvent } from './playback';
import type { Playback, WorkerEvent } from './protocol';
import type { RunHistory } from './runHistory';
import type { RunTrainer } from './runTrainer';

const SLICE_MS = 10;

/** What the loop needs of the session. */
export interface LoopHost {
  now(): number;
  /** Runs `fn` as soon as pending messages have been handled. */
  yieldNow(fn: () => void): void;
  /** The run's configuration; throws when there is none yet. */
  need(): { settings: Settings };
  history(): RunHistory | null;
  /** The run's generation: a new run or a move to another backend bumps it, and older slices stop. */
  generation(): number;
  /** Sends queued snapshots, the analysis and progress (snapshotStream.ts). */
  flush(force: boolean): void;
  post(event: WorkerEvent): void;
  keepAlive(): void;
}

/** What the loop needs of GPU-fault recovery (gpuRecovery.ts). */
export interface FaultGuard {
  checkContext(): void;
  throwIfInjected(): void;
  failOrRecover(err: unknown): Promise<void>;
}

export class TrainingLoop {
  private state: Playback = 'idle';
  private speed: number | null = null;
  /** Rate bookkeeping: when the current run of `running` began, and at which step. */
  private runStartTime = 0;
  private runStartStep = 0;
  private measuredRate = 0;
  /** The generation a yield to the next slice is pending for, if any. */
  private ticking: number | null = null;

  constructor(
    private readonly host: LoopHost,
    private readonly trainer: RunTrainer,
    private readonly guard: FaultGuard,
  ) {}

  get playback(): Playback {
    return this.state;
  }

  /** Steps per second: over the current run of `running`, or of the last Step. */
  get rate(): number {
    return this.measuredRate;
  }

  /** Moves the playback state by `event`; false (and no change) when the state refuses it. */
  apply(event: PlaybackEvent): boolean {
    const next = nextPlayback(this.state, event);
    if (next === null) return false;
    this.state = next;
    return true;
  }

  /** A new run: no rate measured yet. */
  newRun(): void {
    this.measuredRate = 0;
  }

  setSpeed(stepsPerSecond: number | null): void {
    this.speed = stepsPerSecond;
    this.runStartTime = this.host.now();
    this.runStartStep = this.trainer.step;
  }

  play(): void {
    const { settings } = this.host.need();
    // Running or failed: nothing to do, and nothing to retrain.
    if (nextPlayback(this.state, { type: 'play', trainable: true }) === null) return;
    this.trainer.replayIfNeeded();
    const trainer = this.trainer.current;
    if (!this.apply({ type: 'play', trainable: trainer !== null && trainer.step < settings.steps })) return;
    this.runStartTime = this.host.now();
    this.runStartStep = trainer!.step;
    this.host.flush(true);
    this.schedule();
  }

  pause(): void {
    if (!this.apply({ type: 'pause' })) return;
    this.trainer.capture();
    this.host.flush(true);
  }

  step(n: number): void {
    const { settings } = this.host.need();
    if (!Number.isInteger(n) || n < 1) throw new Error(`Step count must be a positive whole number, not ${n}.`);
    if (nextPlayback(this.state, { type: 'step' }) === null) return;
    this.trainer.replayIfNeeded();
    const trainer = this.trainer.current;
    if (!trainer) return;
    this.apply({ type: 'step' });
    const target = Math.min(settings.steps, trainer.step + n);
    const t0 = this.host.now();
    const from = trainer.step;
    this.trainTo(target, Infinity);
    this.measuredRate = (trainer.step - from) / Math.max(1e-3, (this.host.now() - t0) / 1000);
    this.trainer.capture();
    this.apply({ type: 'stepped', atEnd: trainer.step >= settings.steps });
    this.host.flush(true);
    if (this.state === 'finished') this.host.post({ type: 'finished', step: trainer.step });
  }

  /** After the run moved to another backend: a running run goes on, its rate measured afresh. */
  goOn(): void {
    if (this.state !== 'running') return;
    this.runStartTime = this.host.now();
    this.runStartStep = this.trainer.step;
    this.schedule();
  }

  private schedule(): void {
    const generation = this.host.generation();
    if (this.ticking === generation) return;
    this.ticking = generation;
    this.host.yieldNow(() => {
      if (this.ticking === generation) this.ticking = null;
      if (generation === this.host.generation()) this.slice();
    });
  }

  /** One time slice of the `running` state. */
  private slice(): void {
    if (this.state !== 'running' || !this.trainer.current) return;
    try {
      const { settings } = this.host.need();
      const trainer = this.trainer.current;
      const now = this.host.now();
      let target = settings.steps;
      if (this.speed !== null) {
        target = Math.min(target, this.runStartStep + Math.floor(((now - this.runStartTime) / 1000) * this.speed));
      }
      const from = trainer.step;
      this.trainTo(target, now + SLICE_MS);
      const elapsed = (this.host.now() - this.runStartTime) / 1000;
      if (elapsed > 0) this.measuredRate = (trainer.step - this.runStartStep) / elapsed;
      if (trainer.step >= settings.steps) {
        this.apply({ type: 'end' });
        this.trainer.capture();
        this.host.flush(true);
        this.host.post({ type: 'finished', step: trainer.step });
        return;
      }
      this.host.flush(false);
      if (trainer.step === from && this.speed !== null) {
        // Throttled: wait for the clock rather than spin.
        const wait = Math.max(1, 1000 / this.speed - 1);
        const generation = this.host.generation();
        setTimeout(() => generation === this.host.generation() && this.schedule(), Math.min(wait, 250));
      } else {
        this.schedule();
      }
    } catch (err) {
      void this.guard.failOrRecover(err);
    }
  }

  /**
   * Trains up to step `target` (stopping early at `deadline`), capturing snapshots on the
   * history's stride (snapshotEvery, doubled each time the history is thinned).
   */
  private trainTo(target: number, deadline: number): void {
    const trainer = this.trainer.current!;
    const history = this.host.history()!;
    while (trainer.step < target) {
      const stride = history.stride;
      const toBoundary = stride - (trainer.step % stride);
      const chunk = Math.min(target - trainer.step, toBoundary, 16);
      this.guard.throwIfInjected();
      this.guard.checkContext();
      trainer.train(chunk);
      this.guard.checkContext();
      if (trainer.step % stride === 0) this.trainer.capture();
      this.host.keepAlive();
      if (this.host.now() >= deadline) break;
    }
  }
}
