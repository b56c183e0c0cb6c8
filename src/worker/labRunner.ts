/**
 * Drives a long lab computation (the lottery lab, the probe comparison) inside the worker in
 * time slices, like training, so that a cancel lands at once and progress flows: progress at
 * most 10 times a second with an estimate of the time left, new results as each phase
 * finishes, and a final done event. Finished phases' results stay in `results` whether the lab
 * completes, is cancelled or fails.
 *
 * A lab on tfjs webgl dies with a lost GL context: after every advance the runner asks
 * `contextLost`; on a loss it drops what that advance produced, stops the lab, says so, and
 * calls `onContextLost` (the session moves to another backend).
 */
import type { WorkerEvent } from './protocol';

const SLICE_MS = 12;
const PROGRESS_MS = 100;

/**
 * What a runner needs of the worker: the page's mailbox, a zero-delay yield and a clock. The
 * session's own host has all three; it is declared here so the runner does not depend on the
 * session that drives it.
 */
export interface LabHost {
  post(event: WorkerEvent, transfer: Transferable[]): void;
  /** Runs `fn` as soon as pending messages have been handled. */
  yieldNow(fn: () => void): void;
  now(): number;
}

export interface Lab<R> {
  readonly results: readonly R[];
  readonly finished: boolean;
  advance(steps: number): void;
  dispose(): void;
  progress(): { done: number; total: number };
  /**
   * A lab computed elsewhere (a pool of workers: pool/pooledLab.ts) has nothing to advance here:
   * the runner waits for it to call `fn` when something changed, instead of slicing.
   */
  whenChanged?(fn: () => void): void;
}

/** How a lab's progress, results and end are told to the page. */
export interface LabEvents<L, R> {
  progress(lab: L, etaSeconds: number | null): WorkerEvent;
  results(lab: L, fresh: R[]): WorkerEvent;
  done(cancelled: boolean, message: string | null): WorkerEvent;
  /** Whether the GL context the lab computes on is lost (absent: never). */
  contextLost?: () => boolean;
  /** Called once the lab has stopped for a lost context. */
  onContextLost?: () => void;
}

const LOST_MESSAGE = 'The WebGL context was lost, so the lab stopped; the results of its finished phases are kept. Run it again to go on, on the new backend.';

export class LabRunner<R, L extends Lab<R>> {
  readonly results: R[] = [];
  /** The lab most recently started (kept after it ends, for exports). */
  last: L | null = null;
  private lab: L | null = null;
  private sent = 0;
  private started = 0;
  private lastProgress = 0;

  constructor(
    private readonly host: LabHost,
    private readonly events: LabEvents<L, R>,
  ) {}

  start(lab: L): void {
    this.cancel(false);
    this.results.length = 0;
    this.sent = 0;
    this.lab = lab;
    this.last = lab;
    this.started = this.host.now();
    this.progress(true, lab);
    this.schedule(lab);
  }

  /** Stops the running lab; with `report`, tells the page (a new run drops it silently). */
  cancel(report = true): void {
    if (!this.lab) return;
    const lab = this.lab;
    this.harvest(lab);
    lab.dispose();
    this.lab = null;
    if (report) this.post(this.events.done(true, 'Cancelled; the results of finished phases are kept.'));
  }

  /** Stops the running lab (if any) because the GL context was lost, keeping finished phases, and says so. */
  stopLost(): void {
    if (!this.lab) return;
    const lab = this.lab;
    this.lab = null;
    this.harvest(lab);
    disposeQuietly(lab);
    this.post(this.events.done(true, LOST_MESSAGE));
  }

  /** Takes the last lab's results again after they were re-derived in place (new analysis settings). */
  refresh(): void {
    if (this.last) this.results.splice(0, this.results.length, ...this.last.results.slice(0, this.results.length));
  }

  /** Forgets every result (a new dense run or an import). */
  clear(): void {
    this.cancel(false);
    this.results.length = 0;
    this.last = null;
  }

  private schedule(lab: L): void {
    if (lab.whenChanged) lab.whenChanged(() => this.slice(lab));
    else this.host.yieldNow(() => this.slice(lab));
  }

  private slice(lab: L): void {
    if (this.lab !== lab) return; // cancelled or replaced
    try {
      const deadline = this.host.now() + SLICE_MS;
      if (lab.whenChanged) lab.advance(0);
      else
        while (!lab.finished && this.host.now() < deadline) {
          const valid = lab.results.length;
          lab.advance(8);
          if (this.events.contextLost?.()) return this.lost(lab, valid);
        }
      this.harvest(lab);
      if (lab.finished) {
        this.lab = null;
        this.progress(true, lab);
        this.post(this.events.done(false, null));
        return;
      }
      this.progress(false, lab);
      this.schedule(lab);
    } catch (err) {
      if (this.events.contextLost?.()) return this.lost(lab, this.sent);
      this.harvest(lab);
      lab.dispose();
      this.lab = null;
      const message = err instanceof Error ? err.message : String(err);
      this.post(this.events.done(true, `Failed: ${message}. Finished phases are kept.`));
    }
  }

  /** Stops a lab whose context was lost; only its first `valid` results were computed before the loss. */
  private lost(lab: L, valid: number): void {
    this.lab = null;
    this.harvest(lab, valid);
    disposeQuietly(lab);
    this.post(this.events.done(true, LOST_MESSAGE));
    this.events.onContextLost?.();
  }

  /** Sends the results finished since the last call (up to `upTo`). */
  private harvest(lab: L, upTo = lab.results.length): void {
    if (upTo <= this.sent) return;
    const fresh = lab.results.slice(this.sent, upTo);
    this.sent = upTo;
    this.results.push(...fresh);
    this.post(this.events.results(lab, fresh));
  }

  private progress(force: boolean, lab: L): void {
    const now = this.host.now();
    if (!force && now - this.lastProgress < PROGRESS_MS) return;
    this.lastProgress = now;
    const p = lab.progress();
    const rate = p.done / Math.max(1e-3, (now - this.started) / 1000);
    this.post(this.events.progress(lab, p.done > 0 && rate > 0 ? (p.total - p.done) / rate : null));
  }

  private post(event: WorkerEvent): void {
    this.host.post(event, []);
  }
}

/** Disposes a lab whose tensors may live on a lost context (releasing them may fail: they are gone anyway). */
function disposeQuietly(lab: { dispose(): void }): void {
  try {
    lab.dispose();
  } catch {
    // Nothing left to release.
  }
}
