/** The events the embed API builds from the store: `progress` and `state` (runtime.ts sends them). */
import { METHOD_IDS } from '../engine/probes/registry';
import { phaseOf } from '../state/phase';
import type { AppState } from '../state/store';
import type { ApiEvent } from './messages';

function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** Where the page is: the dense run's step and loss, or the lab's progress. */
export function progressEvent(s: AppState): Extract<ApiEvent, { type: 'progress' }> {
  const phase = phaseOf(s);
  const step = phase === 'lottery' && s.lottery.progress ? s.lottery.progress.step : phase === 'comparison' && s.comparison.progress ? s.comparison.progress.done : s.step;
  return {
    lotteryLens: 1,
    type: 'progress',
    phase,
    step,
    loss: phase === 'dense' || phase === 'idle' ? finite(s.trainLoss) : null,
    balancedAccuracy: finite(s.metrics.at(-1)?.balancedAccuracy),
  };
}

/** The answer to getState: copies, so the article cannot change the store through it. */
export function stateEvent(s: AppState): Extract<ApiEvent, { type: 'state' }> {
  return {
    lotteryLens: 1,
    type: 'state',
    phase: phaseOf(s),
    step: s.step,
    backend: s.backend?.active ?? null,
    settings: { ...s.applied },
    metrics: s.metrics.at(-1) ? { ...s.metrics.at(-1)! } : null,
    methods: [...METHOD_IDS],
    playback: s.playback,
    viewStep: s.viewStep,
    panel: s.panel,
    selection: { ...s.selection },
    speed: s.speed,
  };
}
