/**
 * The training session inside the worker: one dense run, its playback state machine (see the
 * diagram in protocol.ts) and the stream of snapshots, analysis and progress back to the page.
 *
 * Training runs in time slices of about 10 ms, with a zero-delay yield between slices so that
 * commands (pause, step, speed) are handled at once. Every `snapshotEvery` steps, and wherever
 * training halts, the session copies the parameters into the run's history (which scores them
 * on the test set and reads them in feature space) and queues a snapshot; queued snapshots,
 * the analysis and a progress event go out together at most ~30 times a second.
 *
 * Faults (issue "part 6: reliability"). With every kept snapshot the session also keeps the
 * optimizer state at that step (only the latest), and sends it with the last snapshot of each
 * batch, so both sides can continue the run from its newest snapshot exactly:
 *   - the WebGL context lost while training on tfjs webgl (checked before and after every
 *     trained chunk and around every capture, and on `webglcontextlost`): everything after the
 *     last kept snapshot is dropped, tfjs wasm (else cpu) takes over from that snapshot and its
 *     optimizer state, in the same playback state, and the page is told (`backendChanged`);
 *   - the worker crashed, hung, or a training step threw (the run failed): the page replaces
 *     it and sends `restore` to the fresh worker with what it holds.
 * No kept step is lost or repeated by either: training resumes at the last kept step.
 */
import type { FeatureSettings } from '../engine/analysis/runAnalysis';
import { createTrainer } from '../engine/trainers/createTrainer';
import { buildExperiment, type Experiment } from '../engine/core/experiment';
import type { OptimizerState, Trainer } from '../engine/trainers/trainer';
import { maxAbsDiff, packedLength, packParams, unpackParams } from '../engine/core/params';
import { experimentConfig, featureSettings, isValidSettings, type Settings } from '../settings/settings';
import { activateBackend, probeWebGL, webglFaults, type GpuFaults, type WebGLProbe } from './backends';
import {
  packResume,
  unpackResume,
  type BackendInfo,
  type Command,
  type FaultKind,
  type Playback,
  type SnapshotMessage,
  type WorkerEvent,
} from './protocol';
import { LotteryExperiment, type LotterySettings, type TicketResult } from '../engine/labs/lotteryExperiment';
import { ProbeComparison, type ComparisonResult, type ComparisonSettings } from '../engine/labs/probeComparison';
import { comparisonProblem, lotteryProblem } from '../settings/labSchema';
import { LabRunner } from './labRunner';
import { exportRunText, importRunText } from './runFileIO';
import { frameOf, RunHistory, type Kept } from './runHistory';

const SLICE_MS = 10;
const FLUSH_MS = 33;
/** Long synchronous work says the worker is alive at least this often (the page pings once a second). */
const KEEPALIVE_MS = 1000;

export interface SessionHost {
  post(event: WorkerEvent, transfer: Transferable[]): void;
  /** Runs `fn` as soon as pending messages have been handled. */
  yieldNow(fn: () => void): void;
  now(): number;
  /**
   * Tells the page the worker is alive during long synchronous work (many steps at once, a
   * restore, an import), when its pings wait unanswered: the supervisor (client.ts) takes a
   * worker silent for DEAD_AFTER_MS for dead. Absent in tests.
   */
  keepAlive?(): void;
}

/** Thrown inside a slice when the GL context under the run is found lost; never reaches the page. */
class ContextLost extends Error {
  constructor() {
    super('The WebGL context was lost.');
  }
}

export const INJECTED_THROW = 'Injected fault: a training step threw.';

export class TrainingSession {
  private playback: Playback = 'idle';
  private settings: Settings | null = null;
  private experiment: Experiment | null = null;
  /** Null for an imported run, which has no optimizer state to continue from. */
  private trainer: Trainer | null = null;
  private history: RunHistory | null = null;
  private backend: BackendInfo | null = null;
  private probe: WebGLProbe | null = null;
  private speed: number | null = null;
  private pending: SnapshotMessage[] = [];
  /** Steps the history dropped (thinning) after the page was sent them; they go out with the next batch. */
  private dropped: number[] = [];
  private lastFlush = 0;
  private analysisDirty = false;
  /** Rate bookkeeping: when the current run of `running` began, and at which step. */
  private runStartTime = 0;
  private runStartStep = 0;
  private measuredRate = 0;
  /** The generation a yield to the next slice is pending for, if any. */
  private ticking: number | null = null;
  /** True while the run on show came from a run file (no optimizer state: view only until reset). */
  private imported = false;
  /** Bumped by every configure or import; a slice from an older run stops. */
  private generation = 0;
  private readonly lottery: LabRunner<TicketResult, LotteryExperiment>;
  private readonly comparison: LabRunner<ComparisonResult, ProbeComparison>;
  /** The optimizer state at the last kept snapshot (null for an imported run). */
  private resumePoint: { step: number; state: OptimizerState } | null = null;
  /**
   * True when the trainer must first be rebuilt by retraining from step 0 to the last kept
   * snapshot: a restored run whose optimizer state the page did not have.
   */
  private replayNeeded = false;
  /** Set by the `throw` fault: the next training chunk throws. */
  private throwNext = false;
  /** The switch to another backend after a lost context, while it runs; commands wait for it. */
  private recovering: Promise<void> | null = null;
  /** When the page last heard from this session (an event or a keep-alive). */
  private lastSign = -Infinity;

  constructor(
    private readonly host: SessionHost,
    private readonly faults: GpuFaults = webglFaults,
  ) {
    const lost = () => this.contextLost();
    const onLost = (lab: string) => void this.recover(lab);
    this.lottery = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'lotteryProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, tickets) => ({ type: 'lotteryResults', tickets, dense: lab.denseRuns.map(summary) }),
      done: (cancelled, message) => ({ type: 'lotteryDone', cancelled, message }),
      contextLost: lost,
      onContextLost: () => onLost('lottery lab'),
    });
    this.comparison = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'comparisonProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, results) => ({ type: 'comparisonResults', results, dense: lab.seedRuns.map(summary) }),
      done: (cancelled, message) => ({ type: 'comparisonDone', cancelled, message }),
      contextLost: lost,
      onContextLost: () => onLost('probe comparison'),
    });
  }

  async handle(cmd: Command): Promise<void> {
    // A command sent while training moves to another backend acts on the run as it continues;
    // one that finds the context lost (and nobody has noticed yet) moves the run first.
    while (this.recovering) await this.recovering;
    if (this.contextLost()) await this.recover(null);
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
          this.runStartStep = this.step;
          return;
        case 'reset':
          return this.reset();
        case 'analyze':
          return this.analyze(cmd.features);
        case 'exportRun':
          return this.exportRun(cmd.eps);
        case 'importRun':
          return await this.importRun(cmd.text);
        case 'runLottery':
          return this.runLottery(cmd.settings);
        case 'cancelLottery':
          return this.lottery.cancel();
        case 'runComparison':
          return this.runComparison(cmd.settings);
        case 'cancelComparison':
          return this.comparison.cancel();
        case 'ping':
          return; // answered by the worker's entry before it reaches the session
        case 'fault':
          return this.fault(cmd.kind);
        case 'restore':
          return await this.restore(cmd);
      }
    } catch (err) {
      await this.failOrRecover(err);
    }
  }

  /** The snapshot history's size now: kept snapshots, their stride and the cap (null before a run). */
  historySize(): { kept: number; stride: number; cap: number } | null {
    const h = this.history;
    return h ? { kept: h.kept.length, stride: h.stride, cap: h.cap } : null;
  }

  private get step(): number {
    return this.trainer?.step ?? this.history?.last?.step ?? 0;
  }

  private async configure(settings: Settings): Promise<void> {
    if (!isValidSettings(settings)) throw new Error('Refused a configuration that does not pass validation.');
    const generation = ++this.generation;
    await this.ensureBackend(settings);
    if (generation !== this.generation) return;
    this.settings = settings;
    this.experiment = buildExperiment(experimentConfig(settings));
    this.post({ type: 'configured', task: this.experiment.task, backend: this.backend!, settings, imported: false });
    this.reset();
  }

  private async ensureBackend(settings: Settings): Promise<void> {
    this.probe ??= probeWebGL();
    if (!this.backend || this.settings?.backend !== settings.backend) {
      this.backend = await activateBackend(settings.backend, this.probe);
      this.faults.watch(this.backend.active, () => {
        if (this.contextLost()) void this.recover(null);
      });
    }
  }

  private reset(): void {
    const { experiment, settings } = this.need();
    // A new run: the old labs are dropped without a word.
    this.lottery.clear();
    this.comparison.clear();
    this.trainer?.dispose();
    this.trainer = this.trainerAtInit();
    this.history = new RunHistory(experiment, featureSettings(settings), settings.snapshotEvery);
    this.resumePoint = null;
    this.replayNeeded = false;
    this.imported = false;
    this.playback = 'idle';
    this.pending = [];
    this.dropped = [];
    this.measuredRate = 0;
    this.capture();
    this.flush(true);
  }

  private play(): void {
    const { settings } = this.need();
    if (this.playback === 'running' || this.playback === 'failed') return;
    this.replayIfNeeded();
    if (!this.trainer) return;
    if (this.trainer.step >= settings.steps) return;
    this.playback = 'running';
    this.runStartTime = this.host.now();
    this.runStartStep = this.trainer.step;
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
    this.replayIfNeeded();
    const trainer = this.trainer;
    if (!trainer) return;
    if (this.playback === 'running') this.playback = 'paused';
    const target = Math.min(settings.steps, trainer.step + n);
    const t0 = this.host.now();
    const from = trainer.step;
    this.trainTo(target, Infinity);
    this.measuredRate = (trainer.step - from) / Math.max(1e-3, (this.host.now() - t0) / 1000);
    this.capture();
    this.playback = trainer.step >= settings.steps ? 'finished' : 'paused';
    this.flush(true);
    if (this.playback === 'finished') this.post({ type: 'finished', step: trainer.step });
  }

  private schedule(): void {
    const generation = this.generation;
    if (this.ticking === generation) return;
    this.ticking = generation;
    this.host.yieldNow(() => {
      if (this.ticking === generation) this.ticking = null;
      if (generation === this.generation) this.slice();
    });
  }

  /** One time slice of the `running` state. */
  private slice(): void {
    if (this.playback !== 'running' || !this.trainer) return;
    try {
      const { settings } = this.need();
      const trainer = this.trainer;
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
        this.post({ type: 'finished', step: trainer.step });
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
      void this.failOrRecover(err);
    }
  }

  /**
   * Trains up to step `target` (stopping early at `deadline`), capturing snapshots on the
   * history's stride (snapshotEvery, doubled each time the history is thinned).
   */
  private trainTo(target: number, deadline: number): void {
    const trainer = this.trainer!;
    const history = this.history!;
    while (trainer.step < target) {
      const stride = history.stride;
      const toBoundary = stride - (trainer.step % stride);
      const chunk = Math.min(target - trainer.step, toBoundary, 16);
      if (this.throwNext) {
        this.throwNext = false;
        throw new Error(INJECTED_THROW);
      }
      this.checkContext();
      trainer.train(chunk);
      this.checkContext();
      if (trainer.step % stride === 0) this.capture();
      this.keepAlive();
      if (this.host.now() >= deadline) break;
    }
  }

  /**
   * Keeps a snapshot of the current step (once per step), with the optimizer state there, and
   * queues it for the page. Read only while the GL context is alive before and after the
   * readback, so a snapshot read from a lost context is never kept.
   */
  private capture(): void {
    const trainer = this.trainer!;
    const history = this.history!;
    if (history.last?.step === trainer.step) return;
    this.checkContext();
    const params = trainer.params();
    const state = trainer.optimizerState();
    this.checkContext();
    this.resumePoint = { step: trainer.step, state };
    this.queue(history.keep(trainer.step, params));
  }

  private queue({ kept, dropped }: { kept: Kept; dropped: number[] }): void {
    if (dropped.length > 0) this.forget(dropped);
    const { step, ...metrics } = kept.metrics;
    this.pending.push({ step, data: packParams(kept.params), metrics, frame: frameOf(kept) });
    this.analysisDirty = true;
  }

  /** Thinning dropped these steps: unsent ones leave the queue, sent ones are told to the page. */
  private forget(steps: number[]): void {
    const gone = new Set(steps);
    const unsent = new Set(this.pending.map((p) => p.step));
    this.pending = this.pending.filter((p) => !gone.has(p.step));
    for (const step of steps) if (!unsent.has(step)) this.dropped.push(step);
  }

  /** Whether the GL context the run trains on is lost (only tfjs webgl has one). */
  private contextLost(): boolean {
    return this.backend !== null && this.faults.contextLost(this.backend.active);
  }

  private checkContext(): void {
    if (this.contextLost()) throw new ContextLost();
  }

  /** Re-reads every kept snapshot with new feature settings; the run itself is untouched. */
  private analyze(features: FeatureSettings): void {
    const history = this.history;
    if (!this.settings || !history) return;
    this.settings = {
      ...this.settings,
      tau: features.tau,
      tauOut: features.tauOut,
      r: features.r,
      precursorReadout: features.precursorNeedsReadout ? 'positive' : 'any',
    };
    // The page must hold every kept snapshot before their new frames replace the old.
    if (this.pending.length > 0 || this.dropped.length > 0) this.flush(true);
    const items = history.reanalyze(features);
    this.post({ type: 'frames', items }, items.flatMap((f) => [f.dTilde.buffer, f.d.buffer, f.flags.buffer]));
    this.analysisDirty = true;
    this.postAnalysis();
  }

  /** Starts the lottery lab on the finished dense run (SPEC 5). */
  private runLottery(lottery: LotterySettings): void {
    const { experiment, settings, backend } = this.need();
    const history = this.history;
    const problem = labProblem({ lottery }, this.playback, history, settings);
    if (problem || !history) {
      this.post({ type: 'lotteryDone', cancelled: true, message: problem ?? 'There is no dense run.' });
      return;
    }
    const atRewind = history.kept.find((k) => k.step === lottery.rewindStep)!;
    const last = history.last!;
    const analysis = history.analysis()!;
    const own = {
      seed: lottery.seeds[0],
      dataSeed: settings.seedData,
      init: history.kept[0].params,
      atRewind: atRewind.params,
      final: last.params,
      finalCodes: analysis.finalCodes,
      balancedAccuracy: last.metrics.balancedAccuracy,
      exactMatch: last.metrics.exactMatch,
    };
    this.lottery.start(new LotteryExperiment(backend.active, experiment, own, featureSettings(settings), lottery));
  }

  /** Starts the probe comparison on the finished dense run (SPEC 6). */
  private runComparison(c: ComparisonSettings): void {
    const { experiment, settings, backend } = this.need();
    const history = this.history;
    const problem = labProblem({ comparison: c }, this.playback, history, settings);
    if (problem || !history) {
      this.post({ type: 'comparisonDone', cancelled: true, message: problem ?? 'There is no dense run.' });
      return;
    }
    const last = history.last!;
    const own = {
      seed: c.seeds[0],
      dataSeed: settings.seedData,
      init: history.kept[0].params,
      final: last.params,
      finalCodes: history.analysis()!.finalCodes,
      balancedAccuracy: last.metrics.balancedAccuracy,
      exactMatch: last.metrics.exactMatch,
    };
    this.comparison.start(new ProbeComparison(backend.active, experiment, own, featureSettings(settings), c));
  }

  /** `eps`: the ε the page judges the lottery's tickets by, for the file's config. */
  private exportRun(eps?: number): void {
    const { settings, backend, experiment } = this.need();
    const text = exportRunText(settings, backend.active, experiment.task.clauses, this.history!, this.playback === 'finished', {
      tickets: this.lottery.results,
      denseRuns: this.lottery.last?.denseRuns ?? [],
      comparison: this.comparison.results,
      seedRuns: this.comparison.last?.seedRuns ?? [],
      lotterySettings: this.lottery.last?.settings,
      comparisonSettings: this.comparison.last?.settings,
      eps,
    });
    this.post({ type: 'runFile', text });
  }

  /** Replaces the run with a file's, but only once the whole file has passed every check. */
  private async importRun(text: string): Promise<void> {
    const requestedBackend = this.settings?.backend ?? 'auto';
    const result = importRunText(text, requestedBackend);
    if (!result.ok) {
      this.post({ type: 'error', message: `The run file was not loaded: ${result.error}` });
      return;
    }
    const { run, settings } = result;
    ++this.generation;
    this.lottery.clear();
    this.comparison.clear();
    await this.ensureBackend(settings);
    this.settings = settings;
    this.experiment = buildExperiment(experimentConfig(settings), run.clauses);
    this.trainer?.dispose();
    this.trainer = null;
    this.history = new RunHistory(this.experiment, featureSettings(settings), settings.snapshotEvery);
    this.resumePoint = null;
    this.replayNeeded = false;
    this.imported = true;
    this.pending = [];
    this.dropped = [];
    this.measuredRate = 0;
    this.playback = 'finished';
    this.post({ type: 'configured', task: this.experiment.task, backend: this.backend!, settings, imported: true });
    for (const s of run.snapshots) {
      this.queue(this.history.keep(s.step, s.params));
      this.keepAlive();
    }
    this.flush(true);
  }

  private postAnalysis(): void {
    const analysis = this.analysisDirty ? this.history?.analysis() : null;
    if (!analysis) return;
    this.post({ type: 'analysis', analysis, final: this.playback === 'finished' });
    this.analysisDirty = false;
  }

  private flush(force: boolean): void {
    const now = this.host.now();
    if (!force && now - this.lastFlush < FLUSH_MS) return;
    this.lastFlush = now;
    // A forced flush marks a change of playback state (pause, finish, reset): the analysis's
    // `final` flag may have changed even if no snapshot did.
    if (force) this.analysisDirty = true;
    if (this.pending.length > 0 || this.dropped.length > 0) {
      const items = this.pending;
      const dropped = this.dropped;
      this.pending = [];
      this.dropped = [];
      const transfer: Transferable[] = items.flatMap((s) => [s.data.buffer, s.frame.dTilde.buffer, s.frame.d.buffer, s.frame.flags.buffer]);
      // The newest snapshot carries the optimizer state that continues it.
      const last = items[items.length - 1];
      if (last && this.resumePoint?.step === last.step) {
        last.resume = packResume(this.resumePoint.state);
        transfer.push(last.resume.data.buffer);
      }
      this.post(dropped.length > 0 ? { type: 'snapshots', items, dropped } : { type: 'snapshots', items }, transfer);
    }
    this.postAnalysis();
    const trainer = this.trainer;
    this.post({
      type: 'progress',
      playback: this.playback,
      step: this.step,
      stepsPerSecond: this.measuredRate,
      // A lost context reads back nothing meaningful.
      trainLoss: trainer && trainer.step > 0 && !this.contextLost() ? trainer.lastLoss() : NaN,
    });
  }

  /** A failure inside a command or a slice: a lost context moves the run to another backend; anything else fails it. */
  private async failOrRecover(err: unknown): Promise<void> {
    if (err instanceof ContextLost || this.contextLost()) return this.recover(null);
    this.fail(err);
  }

  /**
   * Moves the run off a lost GL context (see the file comment). However often it is called
   * during one loss (a slice, a command, the context's event, a lab), it runs once.
   * `during`: what ran when the loss was found, for the message ("the lottery lab").
   */
  private recover(during: string | null): Promise<void> {
    this.recovering ??= this.moveToFallback(during).finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  private async moveToFallback(during: string | null): Promise<void> {
    ++this.generation; // the lost run's slices stop here
    const lostAt = this.trainer?.step ?? this.history?.last?.step ?? 0;
    // A lab still running (the loss was seen between its slices) would compute on the lost context too.
    this.lottery.stopLost();
    this.comparison.stopLost();
    try {
      this.trainer?.dispose();
    } catch {
      // A lost context's memory is gone with it.
    }
    this.trainer = null;
    let active: string;
    try {
      active = await this.faults.fallback();
    } catch (err) {
      this.fail(err);
      return;
    }
    const { backend } = this.need();
    this.backend = { ...backend, active, reason: `The WebGL context was lost, so training moved to tfjs ${active}; tf.getBackend() reports "${active}".` };
    this.trainerAtLast();
    const from = this.history?.last?.step ?? 0;
    const when = during ? `during the ${during}` : `at step ${lostAt}`;
    const message =
      this.imported || this.playback === 'finished'
        ? `The WebGL context was lost ${when}; the run is kept, and from now on everything runs on ${active}.`
        : `The WebGL context was lost ${when}; training continues on ${active} from the snapshot at step ${from}; no step was lost.`;
    this.post({ type: 'backendChanged', backend: this.backend, message });
    this.flush(true);
    if (this.playback === 'running') {
      this.runStartTime = this.host.now();
      this.runStartStep = this.step;
      this.schedule();
    }
  }

  /** A trainer for this run on the current backend at step 0, from the initial weights. */
  private trainerAtInit(): Trainer {
    const { experiment, settings, backend } = this.need();
    return createTrainer(backend.active, {
      task: experiment.task,
      train: experiment.config.train,
      dataSeed: settings.seedData,
      init: experiment.init,
      masks: null,
      startStep: 0,
    });
  }

  /**
   * Builds the trainer at the last kept snapshot on the current backend, from the optimizer
   * state kept with it; without that state, marks the trainer to be rebuilt by retraining
   * (replayIfNeeded). An imported run has no trainer.
   */
  private trainerAtLast(): void {
    const { experiment, settings, backend } = this.need();
    const last = this.history?.last;
    this.trainer = null;
    if (this.imported || !last) return;
    if (this.resumePoint?.step !== last.step) {
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
      resume: this.resumePoint.state,
    });
  }

  /**
   * Without the optimizer state of the last snapshot (a restore that had none), the trainer
   * is rebuilt by retraining from step 0 to that snapshot's step: the same seeds draw the same
   * batches, so on the same backend this reproduces the kept weights exactly. On another
   * backend float rounding may differ slightly; the retrained weights then replace the last
   * snapshot (sent again), so what the page shows is what training continues from.
   */
  private replayIfNeeded(): void {
    if (!this.replayNeeded) return;
    const history = this.history!;
    const last = history.last!;
    const trainer = this.trainerAtInit();
    try {
      while (trainer.step < last.step) {
        this.checkContext();
        trainer.train(Math.min(100, last.step - trainer.step));
        this.keepAlive();
      }
      this.checkContext();
      const params = trainer.params();
      const state = trainer.optimizerState();
      this.checkContext();
      this.trainer = trainer;
      this.replayNeeded = false;
      this.resumePoint = { step: last.step, state };
      if (maxAbsDiff(params, last.params) !== 0) this.queue(history.keep(last.step, params));
    } catch (err) {
      if (this.trainer !== trainer) trainer.dispose();
      throw err;
    }
  }

  private fault(kind: FaultKind): void {
    switch (kind) {
      case 'throw':
        this.throwNext = true;
        return;
      case 'loseContext':
        try {
          this.faults.loseContext(this.need().backend.active);
        } catch (err) {
          // Asking for a fault that cannot happen here changes nothing: the run goes on.
          this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
        }
        return;
      case 'exit':
        // training.worker.ts closes the worker before a command reaches the session; a
        // session hosted elsewhere (the tests) has no worker to close.
        return;
    }
  }

  /**
   * Rebuilds a run in this (fresh) worker from what the page holds, after the old worker
   * died: the same settings and seeds give the same task (or `clauses` for an imported run),
   * every snapshot is kept again (metrics and frames recomputed), and unless the run is
   * imported the trainer continues from the last snapshot with its optimizer state. Playback
   * is `finished` for an imported run or one at its last step, `idle` for a run still at step
   * 0 that had not started, else `paused` (the page may send `play` after). Without an
   * optimizer state the run is still restored, and the first Play or Step retrains up to the
   * last snapshot first (replayIfNeeded). Answers configured {restored: true}, the analysis and
   * progress, never the snapshots (the page has them).
   */
  private async restore(cmd: Extract<Command, { type: 'restore' }>): Promise<void> {
    const { settings } = cmd;
    if (!isValidSettings(settings)) throw new Error('Refused to restore a configuration that does not pass validation.');
    const generation = ++this.generation;
    await this.ensureBackend(settings);
    if (generation !== this.generation) return;
    const experiment = buildExperiment(experimentConfig(settings), cmd.clauses);
    const { n, m, K } = experiment.shape;
    const problem = restoreProblem(cmd.snapshots, packedLength(n, m, K), settings.steps);
    if (problem) throw new Error(`The run could not be restored: ${problem}`);
    this.lottery.clear();
    this.comparison.clear();
    this.trainer?.dispose();
    this.trainer = null;
    this.settings = settings;
    this.experiment = experiment;
    const history = new RunHistory(experiment, featureSettings(settings), settings.snapshotEvery);
    for (const s of cmd.snapshots) {
      history.keep(s.step, unpackParams(s.data, n, m, K));
      this.keepAlive();
    }
    this.history = history;
    this.pending = [];
    this.dropped = [];
    this.measuredRate = 0;
    this.imported = cmd.imported;
    this.resumePoint = null;
    this.replayNeeded = false;
    const last = history.last!;
    if (cmd.resume && cmd.resume.step === last.step) {
      try {
        this.resumePoint = { step: last.step, state: unpackResume(cmd.resume, n, m, K) };
        this.trainerAtLast();
      } catch {
        // A state that does not fit this model: rebuild it by retraining instead.
        this.resumePoint = null;
      }
    }
    if (!this.trainer) this.trainerAtLast();
    this.playback = cmd.imported || last.step >= settings.steps ? 'finished' : last.step === 0 && cmd.playback === 'idle' ? 'idle' : 'paused';
    this.post({ type: 'configured', task: experiment.task, backend: this.backend!, settings, imported: cmd.imported, restored: true });
    this.flush(true);
  }

  private fail(err: unknown): void {
    this.playback = 'failed';
    const message = err instanceof Error ? err.message : String(err);
    this.post({ type: 'error', message });
    if (this.history) this.flush(true);
  }

  private post(event: WorkerEvent, transfer: Transferable[] = []): void {
    this.host.post(event, transfer);
    this.lastSign = this.host.now();
  }

  /** Within long synchronous work: tells the page the worker is alive when it has heard nothing for KEEPALIVE_MS. */
  private keepAlive(): void {
    const now = this.host.now();
    if (now - this.lastSign < KEEPALIVE_MS) return;
    this.lastSign = now;
    this.host.keepAlive?.();
  }

  private need(): { experiment: Experiment; settings: Settings; backend: BackendInfo } {
    if (!this.experiment || !this.settings || !this.backend) throw new Error('The worker has no configuration yet.');
    return { experiment: this.experiment, settings: this.settings, backend: this.backend };
  }
}

/**
 * Why a lab request cannot run now (the dense run is not finished, or the lab schema refuses it
 * against this run: settings/labSchema.ts); null when it can.
 */
function labProblem(
  lab: { lottery: LotterySettings } | { comparison: ComparisonSettings },
  playback: Playback,
  history: RunHistory | null,
  settings: Settings,
): string | null {
  if (playback !== 'finished' || !history?.last) return 'Train the dense run to the end first: tickets are pruned from its final weights.';
  const run = { settings, hasSnapshot: (step: number) => history.kept.some((k) => k.step === step) };
  return 'lottery' in lab ? lotteryProblem(lab.lottery, run) : comparisonProblem(lab.comparison, run);
}

/** Why restored snapshots cannot be a run of these settings; null when they can. */
function restoreProblem(snapshots: readonly { step: number; data: Float32Array }[], length: number, steps: number): string | null {
  if (snapshots.length === 0) return 'there is no snapshot.';
  let previous = -1;
  for (const s of snapshots) {
    if (!Number.isInteger(s.step) || s.step <= previous || s.step > steps) return `snapshot steps must rise from 0 to at most ${steps}; found ${s.step} after ${previous}.`;
    if (!(s.data instanceof Float32Array) || s.data.length !== length) return `the snapshot at step ${s.step} does not have this model's ${length} values.`;
    previous = s.step;
  }
  return snapshots[0].step === 0 ? null : 'the first snapshot must be step 0.';
}

/** What the page needs of a seed's dense run (no weights). */
function summary(d: { seed: number; dataSeed: number; finalCodes: number[][]; balancedAccuracy: number; exactMatch: number }) {
  return { seed: d.seed, dataSeed: d.dataSeed, finalCodes: d.finalCodes, balancedAccuracy: d.balancedAccuracy, exactMatch: d.exactMatch };
}
