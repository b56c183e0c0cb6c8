/**
 * Drives a LotteryExperiment inside the worker in time slices (like training), so that a
 * cancel lands at once and progress flows: progress at most 10 times a second with an estimate
 * of the time left, new tickets as each phase finishes, and a final `lotteryDone`. Finished
 * phases' tickets stay in `results` whether the lab completes, is cancelled or fails.
 */
import type { DenseRun, LotteryExperiment, TicketResult } from '../engine/lotteryExperiment';
import type { SessionHost } from './session';

const SLICE_MS = 12;
const PROGRESS_MS = 100;

export class LotteryRunner {
  readonly results: TicketResult[] = [];
  denseRuns: DenseRun[] = [];
  private lab: LotteryExperiment | null = null;
  private sent = 0;
  private started = 0;
  private lastProgress = 0;

  constructor(private readonly host: SessionHost) {}

  get running(): boolean {
    return this.lab !== null;
  }

  start(lab: LotteryExperiment): void {
    this.cancel(false);
    this.results.length = 0;
    this.sent = 0;
    this.lab = lab;
    this.started = this.host.now();
    this.progress(true);
    this.schedule(lab);
  }

  cancel(report = true): void {
    if (!this.lab) return;
    this.harvest(this.lab);
    this.lab.dispose();
    this.lab = null;
    if (report) this.host.post({ type: 'lotteryDone', cancelled: true, message: 'Cancelled; the tickets of finished phases are kept.' }, []);
  }

  private schedule(lab: LotteryExperiment): void {
    this.host.yieldNow(() => this.slice(lab));
  }

  private slice(lab: LotteryExperiment): void {
    if (this.lab !== lab) return; // cancelled or replaced
    try {
      const deadline = this.host.now() + SLICE_MS;
      while (!lab.finished && this.host.now() < deadline) lab.advance(8);
      this.harvest(lab);
      if (lab.finished) {
        this.lab = null;
        this.progress(true, lab);
        this.host.post({ type: 'lotteryDone', cancelled: false, message: null }, []);
        return;
      }
      this.progress(false);
      this.schedule(lab);
    } catch (err) {
      this.harvest(lab);
      lab.dispose();
      this.lab = null;
      const message = err instanceof Error ? err.message : String(err);
      this.host.post({ type: 'lotteryDone', cancelled: true, message: `The lottery run failed: ${message}. Finished phases are kept.` }, []);
    }
  }

  /** Sends the tickets finished since the last call. */
  private harvest(lab: LotteryExperiment): void {
    this.denseRuns = lab.denseRuns;
    if (lab.results.length === this.sent) return;
    const fresh = lab.results.slice(this.sent);
    this.sent = lab.results.length;
    this.results.push(...fresh);
    const dense = lab.denseRuns.map(({ seed, dataSeed, finalCodes, balancedAccuracy, exactMatch }) => ({ seed, dataSeed, finalCodes, balancedAccuracy, exactMatch }));
    this.host.post({ type: 'lotteryResults', tickets: fresh, dense }, []);
  }

  private progress(force: boolean, lab = this.lab): void {
    const now = this.host.now();
    if (!lab || (!force && now - this.lastProgress < PROGRESS_MS)) return;
    this.lastProgress = now;
    const p = lab.progress();
    const rate = p.done / Math.max(1e-3, (now - this.started) / 1000);
    const etaSeconds = p.done > 0 && rate > 0 ? (p.total - p.done) / rate : null;
    this.host.post({ type: 'lotteryProgress', progress: p, etaSeconds }, []);
  }
}
