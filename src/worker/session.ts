/**
 * The training session inside the worker: the dense run on show and the commands that act on
 * it. It holds the run (settings, experiment, backend, history), begins every new run in
 * startRun (what differs between configure or Reset, import and restore: runStart.ts), and hands
 * every other job to its room (docs/ARCHITECTURE.md lists them).
 *
 * With every kept snapshot the optimizer state at that step is kept too (only the latest) and
 * sent with the last snapshot of each batch, so either side can continue the run from its
 * newest snapshot exactly (gpuRecovery.ts after a lost context, crashRestore.ts after a crash).
 */
import type { FeatureSettings } from '../engine/analysis/runAnalysis';
import { clausesProblem } from '../engine/core/clauseSyntax';
import { buildExperiment, type Experiment } from '../engine/core/experiment';
import type { Clause } from '../engine/core/types';
import { experimentConfig, featureSettings, isValidSettings, type Settings } from '../settings/settings';
import { webglFaults, type GpuFaults } from './backends';
import { BackendChooser } from './backendChoice';
import { restoreRun } from './crashRestore';
import { GpuRecovery } from './gpuRecovery';
import { LabRequests } from './labRequests';
import type { PoolSource } from './pool/labStarts';
import { PageChannel, type PageHost } from './pageChannel';
import type { BackendInfo, Command, WorkerEvent } from './protocol';
import { exportRun, importRun } from './runFileCommands';
import { RunHistory } from './runHistory';
import type { RunStart, RunStarter } from './runStart';
import { RunTrainer } from './runTrainer';
import { SnapshotStream } from './snapshotStream';
import { TrainingLoop } from './trainingLoop';

export { INJECTED_THROW } from './gpuRecovery';

/** What the worker's entry (training.worker.ts) or a test gives the session: the page's mailbox, a clock, a keep-alive (PageHost) and a yield. */
export interface SessionHost extends PageHost, PoolSource {
  /** Runs `fn` as soon as pending messages have been handled. */
  yieldNow(fn: () => void): void;
}

export class TrainingSession {
  private settings: Settings | null = null;
  private experiment: Experiment | null = null;
  private history: RunHistory | null = null;
  private backend: BackendInfo | null = null;
  private readonly chooser: BackendChooser;
  /** True while the run on show came from a run file (no optimizer state: view only until reset). */
  private imported = false;
  /** Bumped by every configure, import or restore, and by a move to another backend; a slice of an older run stops. */
  private generation = 0;
  private readonly page: PageChannel;
  private readonly gpu: GpuRecovery;
  private readonly stream: SnapshotStream;
  private readonly trainer: RunTrainer;
  private readonly loop: TrainingLoop;
  private readonly labs: LabRequests;
  /** What import and restore need to replace the run. */
  private readonly starter: RunStarter;

  constructor(host: SessionHost, faults: GpuFaults = webglFaults) {
    this.page = new PageChannel(host);
    const post = (event: WorkerEvent, transfer: Transferable[] = []) => this.page.post(event, transfer);
    const keepAlive = () => this.page.keepAlive();
    const history = () => this.history;
    const need = () => this.need();
    this.chooser = new BackendChooser(() => host.now(), post);
    this.gpu = new GpuRecovery(faults, {
      backend: () => this.backend,
      need,
      post,
      abandon: () => this.abandon(),
      continueOn: (backend) => this.continueOn(backend),
      proceed: () => {
        this.stream.flush(true);
        this.loop.goOn();
      },
      fail: (err) => this.fail(err),
    });
    this.stream = new SnapshotStream({
      now: () => host.now(),
      post,
      history,
      playback: () => this.loop.playback,
      resumePoint: () => this.trainer.resumePoint,
      progress: () => this.progress(),
    });
    this.trainer = new RunTrainer({
      need,
      history,
      imported: () => this.imported,
      checkContext: () => this.gpu.checkContext(),
      keepAlive,
      queue: (kept) => this.stream.queue(kept),
    });
    this.loop = new TrainingLoop(
      {
        now: () => host.now(),
        yieldNow: (fn) => host.yieldNow(fn),
        need,
        history,
        generation: () => this.generation,
        flush: (force) => this.stream.flush(force),
        post,
        keepAlive,
      },
      this.trainer,
      this.gpu,
    );
    this.labs = new LabRequests(host, { post, contextLost: () => this.gpu.contextLost(), recover: (lab) => void this.gpu.recover(lab) });
    this.starter = {
      settings: () => this.settings,
      post,
      nextGeneration: () => ++this.generation,
      isCurrent: (generation) => generation === this.generation,
      ensureBackend: (settings) => this.ensureBackend(settings),
      clearLabs: () => this.labs.clear(),
      startRun: (start) => this.startRun(start),
    };
  }

  async handle(cmd: Command): Promise<void> {
    await this.gpu.settle();
    try {
      switch (cmd.type) {
        case 'configure':
          return await this.configure(cmd.settings, cmd.clauses);
        case 'play':
          return this.loop.play();
        case 'pause':
          return this.loop.pause();
        case 'step':
          return this.loop.step(cmd.n);
        case 'speed':
          return this.loop.setSpeed(cmd.stepsPerSecond);
        case 'calibrations':
          return this.chooser.keep(cmd.records);
        case 'remeasure':
          return await this.remeasure();
        case 'reset':
          return this.reset();
        case 'analyze':
          return this.analyze(cmd.features);
        case 'exportRun':
          return this.page.post(exportRun({ ...this.need(), history: this.history!, finished: this.loop.playback === 'finished' }, this.labs.findings(cmd.eps)));
        case 'importRun':
          return await importRun(cmd.text, this.starter);
        case 'runLottery':
          return this.labs.runLottery(cmd.settings, this.denseRun());
        case 'cancelLottery':
          return this.labs.cancelLottery();
        case 'runComparison':
          return await this.labs.runComparison(cmd.settings, this.denseRun());
        case 'runSeeds':
          return this.labs.runSeeds(cmd.seeds, this.denseRun());
        case 'cancelSeeds':
          return this.labs.cancelSeeds();
        case 'cancelComparison':
          return this.labs.cancelComparison();
        case 'fault':
          return cmd.kind === 'poolExit' ? this.labs.crashPoolWorker() : this.gpu.fault(cmd.kind);
        case 'restore':
          return await restoreRun(cmd, this.starter);
      }
    } catch (err) {
      await this.gpu.failOrRecover(err);
    }
  }

  /** The snapshot history's size now: kept snapshots, their stride and the cap (null before a run). */
  historySize(): { kept: number; stride: number; cap: number } | null {
    return this.history ? { kept: this.history.kept.length, stride: this.history.stride, cap: this.history.cap } : null;
  }

  /** `clauses` (edited by the user) replace the seed's; Reset keeps them, being this experiment's. */
  private async configure(settings: Settings, clauses?: Clause[]): Promise<void> {
    if (!isValidSettings(settings)) throw new Error('Refused a configuration that does not pass validation.');
    const problem = clauses && clausesProblem(clauses, settings);
    if (problem) throw new Error(`Refused clauses that do not fit the task: ${problem}.`);
    const generation = ++this.generation;
    await this.ensureBackend(settings);
    if (generation !== this.generation) return;
    this.settings = settings;
    this.experiment = buildExperiment(experimentConfig(settings), clauses);
    this.page.post({ type: 'configured', task: this.experiment.task, backend: this.backend!, settings, imported: false });
    this.reset();
  }

  private async ensureBackend(settings: Settings): Promise<void> {
    if (this.chooser.stale(this.backend, settings.backend)) {
      this.backend = await this.chooser.activate(settings.backend);
      this.gpu.watch(this.backend.active);
    }
  }

  /** Measures auto's calibration again; an auto run not trained yet starts again on the new choice. */
  private async remeasure(): Promise<void> {
    await this.chooser.remeasure();
    const untouched = this.trainer.step === 0 && this.loop.playback === 'idle' && !this.imported;
    if (this.settings?.backend === 'auto' && this.experiment && untouched) await this.configure(this.settings, this.experiment.task.clauses);
  }

  private reset(): void {
    const { experiment, settings } = this.need();
    this.startRun({ settings, experiment, source: { kind: 'fresh' }, imported: false, playback: { type: 'reset' }, announce: 'none' });
  }

  /**
   * Puts a new run on show (see runStart.ts for the three kinds). The old run's trainer, unsent
   * snapshots and labs go without a word.
   */
  private startRun(start: RunStart): void {
    const { settings, experiment, source } = start;
    this.labs.clear();
    this.settings = settings;
    this.experiment = experiment;
    this.trainer.replace(source.kind === 'fresh');
    const history = new RunHistory(experiment, featureSettings(settings), settings.snapshotEvery);
    // A restored run's snapshots are on the page already: kept, never sent.
    if (source.kind === 'page') {
      for (const s of source.snapshots) {
        history.keep(s.step, s.params);
        this.page.keepAlive();
      }
    }
    this.history = history;
    this.stream.clear();
    this.loop.newRun();
    this.imported = start.imported;
    this.trainer.forgetResume();
    if (source.kind === 'page') this.trainer.continueFrom(source.resume);
    this.loop.apply(start.playback);
    if (start.announce !== 'none') {
      const configured = { type: 'configured', task: experiment.task, backend: this.backend!, settings, imported: start.imported } as const;
      this.page.post(start.announce === 'restored' ? { ...configured, restored: true } : configured);
    }
    if (source.kind === 'fresh') this.trainer.capture();
    // A file's snapshots go to the page after the configured event that announces the run.
    if (source.kind === 'file') {
      for (const s of source.snapshots) {
        this.stream.queue(history.keep(s.step, s.params));
        this.page.keepAlive();
      }
    }
    this.stream.flush(true);
  }

  /** Re-reads every kept snapshot with new feature settings; the run itself is untouched. */
  private analyze(features: FeatureSettings): void {
    const history = this.history;
    if (!this.settings || !history) return;
    this.settings = { ...this.settings, tau: features.tau, tauOut: features.tauOut, r: features.r, precursorReadout: features.precursorNeedsReadout ? 'positive' : 'any' };
    this.stream.reframe(history, features);
    this.labs.rederive(features, this.experiment!);
  }

  /** The progress event's numbers now. */
  private progress() {
    const trainer = this.trainer.current;
    return {
      playback: this.loop.playback,
      step: this.trainer.step,
      stepsPerSecond: this.loop.rate,
      // A lost context reads back nothing meaningful.
      trainLoss: trainer && trainer.step > 0 && !this.gpu.contextLost() ? trainer.lastLoss() : NaN,
    };
  }

  /** The run the labs start from; they train on the backend's `labs` trainer. */
  private denseRun() {
    const run = this.need();
    return { ...run, backend: { ...run.backend, active: run.backend.labs ?? run.backend.active }, history: this.history, playback: this.loop.playback };
  }

  /** A lost context (gpuRecovery.ts): its run's slices, labs and trainer stop; returns the step reached. */
  private abandon(): number {
    ++this.generation;
    const lostAt = this.trainer.step;
    this.labs.stopLost();
    this.trainer.dropLost();
    return lostAt;
  }

  /** The run continues on `backend` from its last kept snapshot (gpuRecovery.ts). */
  private continueOn(backend: BackendInfo): { from: number; trains: boolean } {
    this.backend = backend;
    this.trainer.atLast();
    return { from: this.history?.last?.step ?? 0, trains: !(this.imported || this.loop.playback === 'finished') };
  }

  private fail(err: unknown): void {
    this.loop.apply({ type: 'fail' });
    const message = err instanceof Error ? err.message : String(err);
    this.page.post({ type: 'error', message });
    if (this.history) this.stream.flush(true);
  }

  private need(): { experiment: Experiment; settings: Settings; backend: BackendInfo } {
    if (!this.experiment || !this.settings || !this.backend) throw new Error('The worker has no configuration yet.');
    return { experiment: this.experiment, settings: this.settings, backend: this.backend };
  }
}
