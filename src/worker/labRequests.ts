/**
 * Lab requests: the lottery lab (SPEC 5) and the probe comparison (SPEC 6) on the finished
 * dense run. Each request is checked before anything starts (a refusal is a `done` event with
 * the reason), then runs in a LabRunner; what the labs found stays for the run file.
 */
import type { FeatureSettings } from '../engine/analysis/runAnalysis';
import { labClaimsOf, type LabClaims } from '../engine/claims/labClaimsOf';
import type { Experiment } from '../engine/core/experiment';
import type { Params } from '../engine/core/types';
import { distances } from '../engine/analysis/featureSpace';
import type { SweepRun } from '../engine/labs/seedSweep';
import { PROBE_IDS } from '../engine/probes/registry';
import type { LotterySettings, TicketResult } from '../engine/labs/lotteryExperiment';
import type { ComparisonResult, ComparisonSettings } from '../engine/labs/probeComparison';
import { comparisonProblem, lotteryProblem } from '../settings/labSchema';
import { featureSettings, type Settings } from '../settings/settings';
import { LabRunner, type LabHost } from './labRunner';
import { type ComparisonLab, comparisonLab, crashPoolWorker, type LabBase, type LotteryLab, lotteryLab, type PoolSource, type SweepLab, sweepLab } from './pool/labStarts';
import { fusedBackend, useCpuForProbes } from './pool/tfjsProbes';
import type { BackendInfo, Playback, WorkerEvent } from './protocol';
import type { RunHistory } from './runHistory';
import type { LabFindings } from './runFileIO';

/** The dense run a lab request is checked against and starts from. */
export interface DenseRunView {
  experiment: Experiment;
  settings: Settings;
  backend: BackendInfo;
  history: RunHistory | null;
  playback: Playback;
}

/** What the labs need of the session besides the runners' host. */
export interface LabSession {
  /** Sends a refused request's done event. */
  post(event: WorkerEvent): void;
  /** Whether the GL context the labs compute on is lost. */
  contextLost(): boolean;
  /** Moves the session to another backend after a loss found during `lab` ("lottery lab"). */
  recover(lab: string): void;
}

export class LabRequests {
  private readonly lottery: LabRunner<TicketResult, LotteryLab>;
  private readonly comparison: LabRunner<ComparisonResult, ComparisonLab>;
  private readonly seeds: LabRunner<SweepRun, SweepLab>;
  /** The analysis settings every lab number is computed at (the page's, as last sent). */
  private features: FeatureSettings | null = null;
  private experiment: Experiment | null = null;

  /** `host.pool`: where pool workers come from (the worker's entry; absent in tests: every lab in one piece). */
  constructor(
    private readonly host: LabHost & PoolSource,
    private readonly session: LabSession,
  ) {
    const lost = () => session.contextLost();
    this.lottery = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'lotteryProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, tickets) => ({ type: 'lotteryResults', tickets, dense: lab.denseRuns.map((d) => this.summarize(d)) }),
      done: (cancelled, message) => this.withClaims({ type: 'lotteryDone', cancelled, message }),
      contextLost: lost,
      onContextLost: () => session.recover('lottery lab'),
    });
    this.comparison = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'comparisonProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, results) => ({ type: 'comparisonResults', results, dense: lab.seedRuns.map((d) => this.summarize(d)) }),
      done: (cancelled, message) => this.withClaims({ type: 'comparisonDone', cancelled, message }),
      contextLost: lost,
      onContextLost: () => session.recover('probe comparison'),
    });
    this.seeds = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'seedsProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, runs) => ({ type: 'seedsResults', runs: runs.map(summaryAt(this.features!, lab)), claims: lab.claimsAt(this.features!) }),
      done: (cancelled, message) => ({ type: 'seedsDone', cancelled, message }),
      contextLost: lost,
      onContextLost: () => session.recover('claims across seeds'),
    });
  }

  /** Claims across seeds (SPEC 8): the other seeds' dense runs, trained together, and claims 1 and 2 pooled. */
  runSeeds(seeds: number[], run: DenseRunView): void {
    const { experiment, settings, history } = run;
    const problem =
      run.playback !== 'finished' || !history?.last
        ? 'Train the dense run to the end first: the claims pool its final codes with the other seeds’.'
        : !Array.isArray(seeds) ||
            seeds.length < 2 ||
            seeds.length > MAX_CLAIM_SEEDS ||
            new Set(seeds).size !== seeds.length ||
            seeds[0] !== settings.seedInit ||
            seeds.some((s) => !Number.isInteger(s) || s < 0 || s > 2 ** 31 - 1)
          ? `Claims across seeds take 2 to ${MAX_CLAIM_SEEDS} distinct seeds (0 to 2^31 − 1), the run's own init seed first.`
          : null;
    if (problem || !history?.last) {
      this.session.post({ type: 'seedsDone', cancelled: true, message: problem });
      return;
    }
    this.remember(experiment, featureSettings(settings));
    const last = history.last;
    const main = { seed: settings.seedInit, dataSeed: settings.seedData, init: history.kept[0].params, final: last.params, ...pick(last.metrics) };
    this.seeds.start(sweepLab(this.host, this.base(run), main, seeds));
  }

  cancelSeeds(): void {
    this.seeds.cancel();
  }

  /** A seed's dense run for the page: no weights, but its d₀ at the current τ (the ticket views judge a ticket against its own seed). */
  private summarize(d: { seed: number; dataSeed: number; init: Params; finalCodes: number[][]; balancedAccuracy: number; exactMatch: number }) {
    const e = this.experiment!;
    const { m, n, K } = e.shape;
    const flat = distances(d.init.W1, m, n, e.task.clauses, this.features!.tau).d;
    return { ...summary(d), d0: Array.from({ length: m }, (_, j) => Array.from(flat.subarray(j * K, (j + 1) * K))) };
  }

  private base({ experiment, settings, backend }: DenseRunView): LabBase {
    return { experiment, backend: backend.active, workers: settings.workers, features: featureSettings(settings) };
  }

  private remember(experiment: Experiment, features: FeatureSettings): void {
    this.experiment = experiment;
    this.features ??= features;
  }

  /**
   * A lab's done event, after claims 3-5 of every lab's results (once per lab, when its results
   * are all in: claims over 200 random families a mask are too dear to redo at every phase).
   */
  private withClaims<E extends WorkerEvent>(done: E): E {
    this.session.post({ type: 'labClaims', comparison: this.comparisonClaims(), lottery: this.lotteryClaims() });
    return done;
  }

  private comparisonClaims(): LabClaims | null {
    const c = this.comparison.last;
    if (!c || !this.experiment || !this.features || this.comparison.results.length === 0) return null;
    return labClaimsOf(this.comparison.results, c.seedRuns, this.experiment, this.features, PROBE_IDS);
  }

  private lotteryClaims(): LabClaims | null {
    const l = this.lottery.last;
    if (!l || !this.experiment || !this.features || this.lottery.results.length === 0) return null;
    const targets = this.lottery.results.filter((t) => t.target).map((t) => ({ ...t, codeRecovery: t.codes.filter((r) => r.length > 0).length / t.codes.length }));
    return labClaimsOf(targets, l.denseRuns, this.experiment, this.features, []);
  }

  /**
   * New analysis settings: every lab's τ-dependent numbers are re-derived from kept weights
   * (labs still running go on at the new settings), and the page gets all of them at once.
   */
  rederive(features: FeatureSettings, experiment: Experiment): void {
    this.experiment = experiment;
    this.features = features;
    const lottery = this.lottery.last;
    const comparison = this.comparison.last;
    lottery?.setFeatures(features);
    comparison?.setFeatures(features);
    this.lottery.refresh();
    this.comparison.refresh();
    const seeds = this.seeds.last && this.seeds.last.runs.length > 1 ? this.seeds.last.claimsAt(features) : null;
    this.session.post({
      type: 'labsRederived',
      features,
      tickets: [...this.lottery.results],
      lotteryDense: lottery?.denseRuns.map((d) => this.summarize(d)) ?? [],
      comparison: [...this.comparison.results],
      comparisonDense: comparison?.seedRuns.map((d) => this.summarize(d)) ?? [],
      seeds,
      comparisonClaims: this.comparisonClaims(),
      lotteryClaims: this.lotteryClaims(),
    });
  }

  /** The claims across seeds at the current settings, for the run file (null when none ran). */
  seedClaims() {
    const s = this.seeds.last;
    return s && s.runs.length > 1 && this.features ? { claims: s.claimsAt(this.features), runs: s.runs.slice(1) } : null;
  }

  /** Starts the lottery lab on the finished dense run (SPEC 5). */
  runLottery(lottery: LotterySettings, run: DenseRunView): void {
    const { experiment, settings, history } = run;
    const problem = labProblem({ lottery }, run.playback, history, settings);
    if (problem || !history) {
      this.session.post({ type: 'lotteryDone', cancelled: true, message: problem ?? 'There is no dense run.' });
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
    this.remember(experiment, featureSettings(settings));
    this.lottery.start(lotteryLab(this.host, this.base(run), own, lottery));
  }

  /** Starts the probe comparison on the finished dense run (SPEC 6); on a fused backend its tfjs probes run on tfjs cpu (pool/tfjsProbes.ts). */
  async runComparison(c: ComparisonSettings, run: DenseRunView): Promise<void> {
    const { experiment, settings, backend, history } = run;
    const problem = labProblem({ comparison: c }, run.playback, history, settings);
    if (problem || !history) {
      this.session.post({ type: 'comparisonDone', cancelled: true, message: problem ?? 'There is no dense run.' });
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
    this.remember(experiment, featureSettings(settings));
    if (fusedBackend(backend.active)) await useCpuForProbes();
    this.comparison.start(comparisonLab(this.host, this.base(run), own, c));
  }

  cancelLottery(): void {
    this.lottery.cancel();
  }

  cancelComparison(): void {
    this.comparison.cancel();
  }

  /** Diagnostics (`fault poolExit`): a busy pool worker of a running lab dies silently; the pool must replace it and run its part again. */
  crashPoolWorker(): void {
    if (!crashPoolWorker([this.comparison.last, this.lottery.last, this.seeds.last])) this.session.post({ type: 'error', message: 'No lab is running on a pool of workers.' });
  }

  /** A new run: the old labs are dropped without a word. */
  clear(): void {
    this.lottery.clear();
    this.comparison.clear();
    this.seeds.clear();
    this.features = null;
  }

  /** The GL context was lost: a lab still running would compute on it too, so it stops (and says so). */
  stopLost(): void {
    this.lottery.stopLost();
    this.comparison.stopLost();
    this.seeds.stopLost();
  }

  /** What the labs found, with the settings each ran with (recorded only for a lab whose results are in the file) and the page's ε. */
  findings(eps?: number): LabFindings {
    const sweep = this.seedClaims();
    return {
      tickets: this.lottery.results,
      denseRuns: this.lottery.last?.denseRuns ?? [],
      comparison: this.comparison.results,
      seedRuns: this.comparison.last?.seedRuns ?? [],
      lotterySettings: this.lottery.last?.settings,
      comparisonSettings: this.comparison.last?.settings,
      eps,
      sweep: sweep && { claims: sweep.claims, runs: sweep.runs.map((r) => ({ ...r, finalCodes: this.seeds.last!.codesOf(r, this.features!) })) },
      comparisonClaims: this.comparisonClaims(),
      lotteryClaims: this.lotteryClaims(),
    };
  }
}

/**
 * Why a lab request cannot run now (the dense run is not finished, or the lab schema refuses it
 * against this run: settings/labSchema.ts); null when it can.
 */
function labProblem(lab: { lottery: LotterySettings } | { comparison: ComparisonSettings }, playback: Playback, history: RunHistory | null, settings: Settings): string | null {
  if (playback !== 'finished' || !history?.last) return 'Train the dense run to the end first: tickets are pruned from its final weights.';
  const run = { settings, hasSnapshot: (step: number) => history.kept.some((k) => k.step === step) };
  return 'lottery' in lab ? lotteryProblem(lab.lottery, run) : comparisonProblem(lab.comparison, run);
}

/** The most seeds claims across seeds pool (SPEC 8's default is 8). */
export const MAX_CLAIM_SEEDS = 20;

const pick = (m: { balancedAccuracy: number; exactMatch: number }) => ({ balancedAccuracy: m.balancedAccuracy, exactMatch: m.exactMatch });

/** A sweep run as the page sees it: its final codes at the current settings, no weights. */
function summaryAt(features: FeatureSettings, lab: SweepLab) {
  return (r: SweepRun) => summary({ ...r, finalCodes: lab.codesOf(r, features) });
}

/** What the page needs of a seed's dense run (no weights). */
function summary(d: { seed: number; dataSeed: number; finalCodes: number[][]; balancedAccuracy: number; exactMatch: number }) {
  return { seed: d.seed, dataSeed: d.dataSeed, finalCodes: d.finalCodes, balancedAccuracy: d.balancedAccuracy, exactMatch: d.exactMatch };
}
