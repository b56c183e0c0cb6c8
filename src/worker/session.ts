/**
 * The training session inside the worker: one dense run, its playback state machine (see the
 * diagram in protocol.ts) and the stream of snapshots and progress back to the page.
 *
 * Training runs in time slices of about 10 ms, with a zero-delay yield between slices so that
 * commands (pause, step, speed) are handled at once. Every `snapshotEvery` steps, and wherever
 * training halts, the session copies the parameters, scores them on the test set and queues a
 * snapshot; queued snapshots and a progress event go out together at most ~30 times a second.
 */
import { buildExperiment, type Experiment } from '../engine/experiment';
import { createTrainer } from '../engine/createTrainer';
import type { Trainer } from '../engine/trainer';
import { experimentConfig, isValidSettings, type Settings } from '../state/settings';
import { activateBackend, probeWebGL, type WebGLProbe } from './backends';
import { packedLength, type BackendInfo, type Command, type Playback, type SnapshotMessage, type WorkerEvent } from './protocol';

const SLICE_MS = 10;
const FLUSH_MS = 33;

export interface SessionHost {
  post(event: WorkerEvent, transfer: Transferable[]): void;
  /** Runs `fn` as soon as pending messages have been handled. */
  yieldNow(fn: () => void): void;
  now(): number;
}

export class TrainingSession {
  private playback: Playback = 'idle';
  private settings: Settings | null = null;
  private experiment: Experiment | null = null;
  private trainer: Trainer | null = null;
  private backend: BackendInfo | null = null;
  private probe: WebGLProbe | null = null;
  private speed: number | null = null;
  private pending: SnapshotMessage[] = [];
  private lastFlush = 0;
  private lastCaptured = -1;
  /** Rate bookkeeping: when the current run of `running` began, and at which step. */
  private runStartTime = 0;
  private runStartStep = 0;
  private measuredRate = 0;
  private ticking = false;
  /** Bumped by every configure; a slice from an older configuration stops. */
  private generation = 0;

  constructor(private readonly host: SessionHost) {}

  async handle(cmd: Command): Promise<void> {
    try {
      switch (cmd.type) {
        case 'configure':
          return await this.configure(cmd.settings);
        case 'play':
          return this.play();
        case 'pause':
          return this.pause();
        case 'step':
          return this.stepBy(cmd.n);
        case 'speed':
          this.speed = cmd.stepsPerSecond;
          this.runStartTime = this.host.now();
          this.runStartStep = this.trainer?.step ?? 0;
          return;
        case 'reset':
          return this.reset();
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private async configure(settings: Settings): Promise<void> {
    if (!isValidSettings(settings)) throw new Error('Refused a configuration that does not pass validation.');
    const generation = ++this.generation;
    this.playback = 'idle';
    this.probe ??= probeWebGL();
    if (!this.backend || this.settings?.backend !== settings.backend) {
      this.backend = await activateBackend(settings.backend, this.probe);
    }
    if (generation !== this.generation) return;
    this.settings = settings;
    this.experiment = buildExperiment(experimentConfig(settings));
    this.host.post({ type: 'configured', task: this.experiment.task, backend: this.backend, settings }, []);
    this.reset();
  }

  private reset(): void {
    const { experiment, settings, backend } = this.need();
    this.trainer?.dispose();
    const options = {
      task: experiment.task,
      train: experiment.config.train,
      dataSeed: settings.seedData,
      init: experiment.init,
      masks: null,
      startStep: 0,
    };
    this.trainer = createTrainer(backend.active, options);
    this.playback = 'idle';
    this.pending = [];
    this.lastCaptured = -1;
    this.measuredRate = 0;
    this.capture();
    this.flush(true);
  }

  private play(): void {
    const { settings } = this.need();
    if (this.playback === 'running' || this.playback === 'failed') return;
    if (this.trainer!.step >= settings.steps) return;
    this.playback = 'running';
    this.runStartTime = this.host.now();
    this.runStartStep = this.trainer!.step;
    this.flush(true);
    this.schedule();
  }

  private pause(): void {
    if (this.playback !== 'running') return;
    this.playback = 'paused';
    this.capture();
    this.flush(true);
  }

  private stepBy(n: number): void {
    const { settings } = this.need();
    if (!Number.isInteger(n) || n < 1) throw new Error(`Step count must be a positive whole number, not ${n}.`);
    if (this.playback === 'failed') return;
    if (this.playback === 'running') this.playback = 'paused';
    const target = Math.min(settings.steps, this.trainer!.step + n);
    const t0 = this.host.now();
    const from = this.trainer!.step;
    this.trainTo(target, Infinity);
    this.measuredRate = (this.trainer!.step - from) / Math.max(1e-3, (this.host.now() - t0) / 1000);
    this.capture();
    this.playback = this.trainer!.step >= settings.steps ? 'finished' : 'paused';
    this.flush(true);
    if (this.playback === 'finished') this.host.post({ type: 'finished', step: this.trainer!.step }, []);
  }

  private schedule(): void {
    if (this.ticking) return;
    this.ticking = true;
    const generation = this.generation;
    this.host.yieldNow(() => {
      this.ticking = false;
      if (generation === this.generation) this.slice();
    });
  }

  /** One time slice of the `running` state. */
  private slice(): void {
    if (this.playback !== 'running') return;
    try {
      const { settings } = this.need();
      const trainer = this.trainer!;
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
        this.playback = 'finished';
        this.capture();
        this.flush(true);
        this.host.post({ type: 'finished', step: trainer.step }, []);
        return;
      }
      this.flush(false);
      if (trainer.step === from && this.speed !== null) {
        // Throttled: wait for the clock rather than spin.
        const wait = Math.max(1, 1000 / this.speed - 1);
        const generation = this.generation;
        setTimeout(() => generation === this.generation && this.schedule(), Math.min(wait, 250));
      } else {
        this.schedule();
      }
    } catch (err) {
      this.fail(err);
    }
  }

  /** Trains up to step `target` (stopping early at `deadline`), capturing snapshots on the stride. */
  private trainTo(target: number, deadline: number): void {
    const { settings } = this.need();
    const trainer = this.trainer!;
    const stride = settings.snapshotEvery;
    while (trainer.step < target) {
      const toBoundary = stride - (trainer.step % stride);
      const chunk = Math.min(target - trainer.step, toBoundary, 16);
      trainer.train(chunk);
      if (trainer.step % stride === 0) this.capture();
      if (this.host.now() >= deadline) break;
    }
  }

  /** Queues a snapshot of the current step (once per step). */
  private capture(): void {
    const trainer = this.trainer!;
    if (trainer.step === this.lastCaptured) return;
    const { experiment } = this.need();
    const { n, m, K } = experiment.shape;
    const p = trainer.params();
    const data = new Float32Array(packedLength(n, m, K));
    data.set(p.W1, 0);
    data.set(p.b1, m * n);
    data.set(p.W2, m * n + m);
    data.set(p.b2, m * n + m + K * m);
    this.pending.push({ step: trainer.step, data, metrics: experiment.evaluator.evaluate(p) });
    this.lastCaptured = trainer.step;
  }

  private flush(force: boolean): void {
    const now = this.host.now();
    if (!force && now - this.lastFlush < FLUSH_MS) return;
    this.lastFlush = now;
    if (this.pending.length > 0) {
      const items = this.pending;
      this.pending = [];
      this.host.post({ type: 'snapshots', items }, items.map((s) => s.data.buffer));
    }
    const trainer = this.trainer;
    this.host.post(
      {
        type: 'progress',
        playback: this.playback,
        step: trainer?.step ?? 0,
        stepsPerSecond: this.measuredRate,
        trainLoss: trainer && trainer.step > 0 ? trainer.lastLoss() : NaN,
      },
      [],
    );
  }

  private fail(err: unknown): void {
    this.playback = 'failed';
    const message = err instanceof Error ? err.message : String(err);
    this.host.post({ type: 'error', message }, []);
    if (this.trainer) this.flush(true);
  }

  private need(): { experiment: Experiment; settings: Settings; backend: BackendInfo } {
    if (!this.experiment || !this.settings || !this.backend) throw new Error('The worker has no configuration yet.');
    return { experiment: this.experiment, settings: this.settings, backend: this.backend };
  }
}
