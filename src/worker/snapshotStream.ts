/**
 * The stream of kept snapshots to the page: they wait in a queue and go out in batches, with
 * the analysis and a progress event, at most ~30 times a second (FLUSH_MS), or at once on a
 * forced flush. Steps the history thins away after they were sent go out with the next batch,
 * so the page's copy of the history always equals the worker's.
 */
import type { FeatureSettings } from '../engine/analysis/runAnalysis';
import { packParams } from '../engine/core/params';
import type { OptimizerState } from '../engine/trainers/trainer';
import { packResume, type Playback, type SnapshotMessage, type WorkerEvent } from './protocol';
import { frameOf, type Kept, type RunHistory } from './runHistory';

const FLUSH_MS = 33;

type Progress = Extract<WorkerEvent, { type: 'progress' }>;

/** What the stream reads of the session when it sends. */
export interface StreamSource {
  now(): number;
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  /** The run's kept snapshots (null before the first run). */
  history(): RunHistory | null;
  playback(): Playback;
  /** The optimizer state at the last kept snapshot (null for an imported run). */
  resumePoint(): { step: number; state: OptimizerState } | null;
  /** Where the run is now, read when a flush sends its progress event. */
  progress(): Omit<Progress, 'type'>;
}

export class SnapshotStream {
  private pending: SnapshotMessage[] = [];
  /** Steps the history dropped (thinning) after the page was sent them; they go out with the next batch. */
  private dropped: number[] = [];
  private lastFlush = 0;
  private analysisDirty = false;

  constructor(private readonly source: StreamSource) {}

  /** Forgets everything unsent: a new run starts. */
  clear(): void {
    this.pending = [];
    this.dropped = [];
  }

  /** Queues a snapshot the history has just kept, with the steps it dropped to make room. */
  queue({ kept, dropped }: { kept: Kept; dropped: number[] }): void {
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

  /** Sends the queue, the analysis and progress; unless `force`, at most once per FLUSH_MS. */
  flush(force: boolean): void {
    const now = this.source.now();
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
      const resumePoint = this.source.resumePoint();
      if (last && resumePoint?.step === last.step) {
        last.resume = packResume(resumePoint.state);
        transfer.push(last.resume.data.buffer);
      }
      this.source.post(dropped.length > 0 ? { type: 'snapshots', items, dropped } : { type: 'snapshots', items }, transfer);
    }
    this.postAnalysis();
    this.source.post({ type: 'progress', ...this.source.progress() });
  }

  /**
   * Re-reads every kept snapshot with new feature settings and sends their frames and the
   * analysis. The page must hold every kept snapshot before their new frames replace the old,
   * so anything unsent goes first.
   */
  reframe(history: RunHistory, features: FeatureSettings): void {
    if (this.pending.length > 0 || this.dropped.length > 0) this.flush(true);
    const items = history.reanalyze(features);
    this.source.post(
      { type: 'frames', items },
      items.flatMap((f) => [f.dTilde.buffer, f.d.buffer, f.flags.buffer]),
    );
    this.analysisDirty = true;
    this.postAnalysis();
  }

  private postAnalysis(): void {
    const analysis = this.analysisDirty ? this.source.history()?.analysis() : null;
    if (!analysis) return;
    this.source.post({ type: 'analysis', analysis, final: this.source.playback() === 'finished' });
    this.analysisDirty = false;
  }
}
