/**
 * The training session inside the worker: one dense run, its playback state machine (see the
 * diagram in protocol.ts) and the stream of snapshots, analysis and progress back to the page.
 *
 * Training runs in time slices of about 10 ms, with a zero-delay yield between slices so that
 * commands (pause, step, speed) are handled at once. Every `snapshotEvery` steps, and wherever
 * training halts, the session copies the parameters into the run's history (which scores them
 * on the test set and reads them in feature space) and queues a snapshot; queued snapshots,
 * the analysis and a progress event go out together at most ~30 times a second.
 */
import type { FeatureSettings } from '../engine/analysis';
import { createTrainer } from '../engine/createTrainer';
import { buildExperiment, type Experiment } from '../engine/experiment';
import type { Trainer } from '../engine/trainer';
import { experimentConfig, featureSettings, isValidSettings, type Settings } from '../state/settings';
import { activateBackend, probeWebGL, type WebGLProbe } from './backends';
import { packedLength, type BackendInfo, type Command, type Playback, type SnapshotMessage, type WorkerEvent } from './protocol';
import { LotteryExperiment, type LotterySettings, type TicketResult } from '../engine/lotteryExperiment';
import { METHOD_IDS, ProbeComparison, type ComparisonResult, type ComparisonSettings } from '../engine/probeComparison';
import { comparisonLimitProblem, lotteryLimitProblem, MAX_LAB_SEEDS, MAX_LAB_SPARSITIES } from '../state/limits';
import { LabRunner } from './labRunner';
import { exportRunText, importRunText } from './runFileIO';
import { frameOf, RunHistory, type Kept } from './runHistory';

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
  private ticking = false;
  /** Bumped by every configure or import; a slice from an older run stops. */
  private generation = 0;
  private readonly lottery: LabRunner<TicketResult, LotteryExperiment>;
  private readonly comparison: LabRunner<ComparisonResult, ProbeComparison>;

  constructor(private readonly host: SessionHost) {
    this.lottery = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'lotteryProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, tickets) => ({ type: 'lotteryResults', tickets, dense: lab.denseRuns.map(summary) }),
      done: (cancelled, message) => ({ type: 'lotteryDone', cancelled, message }),
    });
    this.comparison = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'comparisonProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, results) => ({ type: 'comparisonResults', results, dense: lab.seedRuns.map(summary) }),
      done: (cancelled, message) => ({ type: 'comparisonDone', cancelled, message }),
    });
  }

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
          this.runStartStep = this.step;
          return;
        case 'reset':
          return this.reset();
        case 'analyze':
          return this.analyze(cmd.features);
        case 'exportRun':
          return this.exportRun();
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
      }
    } catch (err) {
      this.fail(err);
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
    }
  }

  private reset(): void {
    const { experiment, settings, backend } = this.need();
    // A new run: the old labs are dropped without a word.
    this.lottery.clear();
    this.comparison.clear();
    this.trainer?.dispose();
    this.trainer = createTrainer(backend.active, {
      task: experiment.task,
      train: experiment.config.train,
      dataSeed: settings.seedData,
      init: experiment.init,
      masks: null,
      startStep: 0,
    });
    this.history = new RunHistory(experiment, featureSettings(settings), settings.snapshotEvery);
    this.playback = 'idle';
    this.pending = [];
    this.dropped = [];
    this.measuredRate = 0;
    this.capture();
    this.flush(true);
  }

  private play(): void {
    const { settings } = this.need();
    if (this.playback === 'running' || this.playback === 'failed' || !this.trainer) return;
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
    const trainer = this.trainer;
    if (this.playback === 'failed' || !trainer) return;
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
      this.fail(err);
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
      trainer.train(chunk);
      if (trainer.step % stride === 0) this.capture();
      if (this.host.now() >= deadline) break;
    }
  }

  /** Keeps a snapshot of the current step (once per step) and queues it for the page. */
  private capture(): void {
    const trainer = this.trainer!;
    const history = this.history!;
    if (history.last?.step === trainer.step) return;
    this.queue(history.keep(trainer.step, trainer.params()));
  }

  private queue({ kept, dropped }: { kept: Kept; dropped: number[] }): void {
    if (dropped.length > 0) this.forget(dropped);
    const { n, m, K } = this.need().experiment.shape;
    const { W1, b1, W2, b2 } = kept.params;
    const data = new Float32Array(packedLength(n, m, K));
    data.set(W1, 0);
    data.set(b1, m * n);
    data.set(W2, m * n + m);
    data.set(b2, m * n + m + K * m);
    const { step, ...metrics } = kept.metrics;
    this.pending.push({ step, data, metrics, frame: frameOf(kept) });
    this.analysisDirty = true;
  }

  /** Thinning dropped these steps: unsent ones leave the queue, sent ones are told to the page. */
  private forget(steps: number[]): void {
    const gone = new Set(steps);
    const unsent = new Set(this.pending.map((p) => p.step));
    this.pending = this.pending.filter((p) => !gone.has(p.step));
    for (const step of steps) if (!unsent.has(step)) this.dropped.push(step);
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
    const problem =
      labProblem(lottery, this.playback, history, settings.steps) ??
      (lottery.mode !== 'imp' && lottery.mode !== 'oneshot' ? 'Pruning must be iterative (imp) or one-shot.' : null) ??
      (lottery.scope !== 'global' && lottery.scope !== 'layerwise' ? 'Magnitude must be global or layer-wise.' : null) ??
      lotteryLimitProblem(settings, lottery);
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
    const problem =
      labProblem({ sparsities: c.sparsities, rewindStep: 0, seeds: c.seeds }, this.playback, history, settings.steps) ??
      (!Array.isArray(c.methods) || c.methods.length === 0 ? 'Choose at least one method.' : null) ??
      (c.methods.some((m) => !METHOD_IDS.includes(m)) || new Set(c.methods).size !== c.methods.length ? `Methods must be distinct, from ${METHOD_IDS.join(', ')}.` : null) ??
      (!(c.lambda >= 0 && c.lambda <= 10) ? 'λ must be between 0 and 10.' : null) ??
      (!Number.isInteger(c.motionSteps) || c.motionSteps < 1 || c.motionSteps >= settings.steps ? `The motion window must be 1 to ${settings.steps - 1} steps.` : null) ??
      comparisonLimitProblem(settings, c);
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

  private exportRun(): void {
    const { settings, backend, experiment } = this.need();
    const text = exportRunText(settings, backend.active, experiment.task.clauses, this.history!, this.playback === 'finished', {
      tickets: this.lottery.results,
      denseRuns: this.lottery.last?.denseRuns ?? [],
      comparison: this.comparison.results,
      seedRuns: this.comparison.last?.seedRuns ?? [],
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
    this.pending = [];
    this.dropped = [];
    this.measuredRate = 0;
    this.playback = 'finished';
    this.post({ type: 'configured', task: this.experiment.task, backend: this.backend!, settings, imported: true });
    for (const s of run.snapshots) this.queue(this.history.keep(s.step, s.params));
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
      this.post(
        dropped.length > 0 ? { type: 'snapshots', items, dropped } : { type: 'snapshots', items },
        items.flatMap((s) => [s.data.buffer, s.frame.dTilde.buffer, s.frame.d.buffer, s.frame.flags.buffer]),
      );
    }
    this.postAnalysis();
    const trainer = this.trainer;
    this.post({
      type: 'progress',
      playback: this.playback,
      step: this.step,
      stepsPerSecond: this.measuredRate,
      trainLoss: trainer && trainer.step > 0 ? trainer.lastLoss() : NaN,
    });
  }

  private fail(err: unknown): void {
    this.playback = 'failed';
    const message = err instanceof Error ? err.message : String(err);
    this.post({ type: 'error', message });
    if (this.history) this.flush(true);
  }

  private post(event: WorkerEvent, transfer: Transferable[] = []): void {
    this.host.post(event, transfer);
  }

  private need(): { experiment: Experiment; settings: Settings; backend: BackendInfo } {
    if (!this.experiment || !this.settings || !this.backend) throw new Error('The worker has no configuration yet.');
    return { experiment: this.experiment, settings: this.settings, backend: this.backend };
  }
}

/**
 * Why a lab request (lottery or comparison: both prune the finished dense run at some
 * sparsities, rewind to a kept step and use distinct seeds) cannot run now; null when it can.
 */
function labProblem(
  l: Pick<LotterySettings, 'sparsities' | 'rewindStep' | 'seeds'>,
  playback: Playback,
  history: RunHistory | null,
  steps: number,
): string | null {
  if (playback !== 'finished' || !history?.last) return 'Train the dense run to the end first: tickets are pruned from its final weights.';
  if (!Array.isArray(l.sparsities) || l.sparsities.length === 0) return 'Choose at least one sparsity.';
  if (l.sparsities.some((s) => !(Number.isFinite(s) && s > 0 && s < 1))) return 'Sparsities must be between 0 and 1.';
  if (l.sparsities.length > MAX_LAB_SPARSITIES || new Set(l.sparsities).size !== l.sparsities.length) return `Choose at most ${MAX_LAB_SPARSITIES} distinct sparsities.`;
  if (!history.kept.some((k) => k.step === l.rewindStep)) return `Rewind step ${l.rewindStep} has no kept snapshot; choose one on the timeline.`;
  if (l.rewindStep >= steps) return 'The rewind step must come before the last step.';
  if (!Array.isArray(l.seeds) || l.seeds.length === 0 || new Set(l.seeds).size !== l.seeds.length) return 'Seeds must be distinct.';
  if (l.seeds.length > MAX_LAB_SEEDS) return `Choose at most ${MAX_LAB_SEEDS} seeds.`;
  if (l.seeds.some((s) => !Number.isInteger(s) || s < 0 || s > 2 ** 31 - 1)) return 'Seeds must be whole numbers from 0 to 2^31 - 1.';
  return null;
}

/** What the page needs of a seed's dense run (no weights). */
function summary(d: { seed: number; dataSeed: number; finalCodes: number[][]; balancedAccuracy: number; exactMatch: number }) {
  return { seed: d.seed, dataSeed: d.dataSeed, finalCodes: d.finalCodes, balancedAccuracy: d.balancedAccuracy, exactMatch: d.exactMatch };
}
