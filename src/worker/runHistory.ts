/**
 * The worker's record of one run: every kept snapshot's parameters, test metrics and reading
 * in feature space, plus the timeline of code counts. The analysis is always computed from
 * this record, so changing τ, τ_out or r re-reads it without retraining.
 *
 * Bounded: it keeps at most `cap` snapshots (snapshotCap in settings/limits.ts). A snapshot is
 * taken every `stride` steps (at first the run's snapshotEvery) and wherever training halts.
 * When a new one would exceed the cap, the history is thinned first:
 *
 *   stride s:   0  s  2s  3s  4s  5s  6s ... (cap kept)   + new
 *   stride 2s:  0     2s      4s      6s ...              + new
 *
 * the stride doubles and only step 0 and the multiples of the new stride stay (halt snapshots
 * off the stride go too); the new snapshot is kept whatever its step, as the newest. Later
 * snapshots come at the doubled stride, so the whole run stays evenly covered, its first steps
 * (where precursors and rewind points are) as densely as its last.
 */
import { locationState, summarizeRun, timelinePoint, type FeatureSettings, type LocationState, type RunAnalysis, type TimelinePoint } from '../engine/analysis/runAnalysis';
import type { Experiment } from '../engine/core/experiment';
import type { MetricRow, Params } from '../engine/core/types';
import { snapshotCap } from '../settings/limits';
import { CODE_FLAG, INHIBITORY_FLAG, type FeatureFrame } from './protocol';

export interface Kept {
  step: number;
  params: Params;
  metrics: MetricRow;
  state: LocationState;
}

export class RunHistory {
  kept: Kept[] = [];
  private timeline: TimelinePoint[] = [];
  /** Steps between snapshots taken on the stride: the run's snapshotEvery, doubled at each thinning. */
  stride: number;

  constructor(
    private readonly experiment: Experiment,
    private features: FeatureSettings,
    snapshotEvery: number,
    /** The most snapshots kept (at least 2: step 0 and the newest). */
    readonly cap: number = snapshotCap(experiment.shape),
  ) {
    if (!Number.isInteger(snapshotEvery) || snapshotEvery < 1) throw new RangeError(`snapshotEvery must be a positive integer, got ${snapshotEvery}`);
    if (!Number.isInteger(cap) || cap < 2) throw new RangeError(`cap must be an integer of at least 2, got ${cap}`);
    this.stride = snapshotEvery;
  }

  get last(): Kept | undefined {
    return this.kept[this.kept.length - 1];
  }

  /**
   * Records a snapshot (replacing any at a later or equal step); scores and reads it. Returns
   * it with the steps dropped to make room (ascending; usually none).
   */
  keep(step: number, params: Params): { kept: Kept; dropped: number[] } {
    const { experiment } = this;
    while (this.kept.length > 0 && this.kept[this.kept.length - 1].step >= step) {
      this.kept.pop();
      this.timeline.pop();
    }
    const dropped = this.kept.length >= this.cap ? this.thin() : [];
    const metrics = { step, ...experiment.evaluator.evaluate(params) };
    const state = locationState(params, experiment.shape, experiment.task.clauses, this.features);
    const kept = { step, params, metrics, state };
    this.kept.push(kept);
    this.timeline.push(timelinePoint(step, state, experiment.shape));
    return { kept, dropped };
  }

  /** Doubles the stride until at most cap - 1 snapshots stay (step 0 always does); returns the dropped steps. */
  private thin(): number[] {
    const dropped: number[] = [];
    while (this.kept.length >= this.cap) {
      this.stride *= 2;
      const stride = this.stride;
      const stays = this.kept.map((k, i) => i === 0 || k.step % stride === 0);
      for (let i = 0; i < stays.length; i++) if (!stays[i]) dropped.push(this.kept[i].step);
      this.kept = this.kept.filter((_, i) => stays[i]);
      this.timeline = this.timeline.filter((_, i) => stays[i]);
    }
    return dropped.sort((a, b) => a - b);
  }

  /** Re-reads every snapshot with new feature settings and returns their frames. */
  reanalyze(features: FeatureSettings): FeatureFrame[] {
    const { shape, task } = this.experiment;
    this.features = features;
    this.timeline = this.kept.map((k) => {
      k.state = locationState(k.params, shape, task.clauses, features);
      return timelinePoint(k.step, k.state, shape);
    });
    return this.kept.map(frameOf);
  }

  /** The run's analysis as of its last snapshot. */
  analysis(): RunAnalysis | null {
    if (this.kept.length === 0) return null;
    const { shape, task } = this.experiment;
    return summarizeRun(this.kept[0].state, this.kept[this.kept.length - 1].state, this.timeline, shape, task.clauses, this.features);
  }
}

/** A kept snapshot's frame for the page: copies, so their buffers can be transferred. */
export function frameOf(kept: Kept): FeatureFrame {
  const { codes, inhibitory } = kept.state;
  const flags = new Uint8Array(codes.length);
  for (let i = 0; i < flags.length; i++) flags[i] = (codes[i] ? CODE_FLAG : 0) | (inhibitory[i] ? INHIBITORY_FLAG : 0);
  return { step: kept.step, dTilde: kept.state.dTilde.slice(), d: kept.state.d.slice(), flags };
}
