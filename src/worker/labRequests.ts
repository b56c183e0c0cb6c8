/**
 * Lab requests: the lottery lab (SPEC 5) and the probe comparison (SPEC 6) on the finished
 * dense run. Each request is checked before anything starts (a refusal is a `done` event with
 * the reason), then runs in a LabRunner; what the labs found stays for the run file.
 */
import type { Experiment } from '../engine/core/experiment';
import { LotteryExperiment, type LotterySettings, type TicketResult } from '../engine/labs/lotteryExperiment';
import { ProbeComparison, type ComparisonResult, type ComparisonSettings } from '../engine/labs/probeComparison';
import { comparisonProblem, lotteryProblem } from '../settings/labSchema';
import { featureSettings, type Settings } from '../settings/settings';
import { LabRunner, type LabHost } from './labRunner';
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
  private readonly lottery: LabRunner<TicketResult, LotteryExperiment>;
  private readonly comparison: LabRunner<ComparisonResult, ProbeComparison>;

  constructor(
    host: LabHost,
    private readonly session: LabSession,
  ) {
    const lost = () => session.contextLost();
    this.lottery = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'lotteryProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, tickets) => ({ type: 'lotteryResults', tickets, dense: lab.denseRuns.map(summary) }),
      done: (cancelled, message) => ({ type: 'lotteryDone', cancelled, message }),
      contextLost: lost,
      onContextLost: () => session.recover('lottery lab'),
    });
    this.comparison = new LabRunner(host, {
      progress: (lab, etaSeconds) => ({ type: 'comparisonProgress', progress: lab.progress(), etaSeconds }),
      results: (lab, results) => ({ type: 'comparisonResults', results, dense: lab.seedRuns.map(summary) }),
      done: (cancelled, message) => ({ type: 'comparisonDone', cancelled, message }),
      contextLost: lost,
      onContextLost: () => session.recover('probe comparison'),
    });
  }

  /** Starts the lottery lab on the finished dense run (SPEC 5). */
  runLottery(lottery: LotterySettings, run: DenseRunView): void {
    const { experiment, settings, backend, history } = run;
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
    this.lottery.start(new LotteryExperiment(backend.active, experiment, own, featureSettings(settings), lottery));
  }

  /** Starts the probe comparison on the finished dense run (SPEC 6). */
  runComparison(c: ComparisonSettings, run: DenseRunView): void {
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
    this.comparison.start(new ProbeComparison(backend.active, experiment, own, featureSettings(settings), c));
  }

  cancelLottery(): void {
    this.lottery.cancel();
  }

  cancelComparison(): void {
    this.comparison.cancel();
  }

  /** A new run: the old labs are dropped without a word. */
  clear(): void {
    this.lottery.clear();
    this.comparison.clear();
  }

  /** The GL context was lost: a lab still running would compute on it too, so it stops (and says so). */
  stopLost(): void {
    this.lottery.stopLost();
    this.comparison.stopLost();
  }

  /** What the labs found, with the settings each ran with (recorded only for a lab whose results are in the file) and the page's ε. */
  findings(eps?: number): LabFindings {
    return {
      tickets: this.lottery.results,
      denseRuns: this.lottery.last?.denseRuns ?? [],
      comparison: this.comparison.results,
      seedRuns: this.comparison.last?.seedRuns ?? [],
      lotterySettings: this.lottery.last?.settings,
      comparisonSettings: this.comparison.last?.settings,
      eps,
    };
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

/** What the page needs of a seed's dense run (no weights). */
function summary(d: { seed: number; dataSeed: number; finalCodes: number[][]; balancedAccuracy: number; exactMatch: number }) {
  return { seed: d.seed, dataSeed: d.dataSeed, finalCodes: d.finalCodes, balancedAccuracy: d.balancedAccuracy, exactMatch: d.exactMatch };
}
