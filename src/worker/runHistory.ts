/**
 * The worker's record of one run: every kept snapshot's parameters, test metrics and reading
 * in feature space, plus the timeline of code counts. The analysis is always computed from
 * this record, so changing τ, τ_out or r re-reads it without retraining.
 */
import { locationState, summarizeRun, timelinePoint, type FeatureSettings, type LocationState, type RunAnalysis, type TimelinePoint } from '../engine/analysis';
import type { Experiment } from '../engine/experiment';
import type { MetricRow, Params } from '../engine/types';
import { CODE_FLAG, INHIBITORY_FLAG, type FeatureFrame } from './protocol';

export interface Kept {
  step: number;
  params: Params;
  metrics: MetricRow;
  state: LocationState;
}

export class RunHistory {
  readonly kept: Kept[] = [];
  private timeline: TimelinePoint[] = [];

  constructor(
    private readonly experiment: Experiment,
    private features: FeatureSettings,
  ) {}

  get last(): Kept | undefined {
    return this.kept[this.kept.length - 1];
  }

  /** Records a snapshot (replacing any at a later or equal step); scores and reads it. */
  keep(step: number, params: Params): Kept {
    const { experiment } = this;
    while (this.kept.length > 0 && this.kept[this.kept.length - 1].step >= step) {
      this.kept.pop();
      this.timeline.pop();
    }
    const metrics = { step, ...experiment.evaluator.evaluate(params) };
    const state = locationState(params, experiment.shape, experiment.task.clauses, this.features);
    const kept = { step, params, metrics, state };
    this.kept.push(kept);
    this.timeline.push(timelinePoint(step, state, experiment.shape));
    return kept;
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
