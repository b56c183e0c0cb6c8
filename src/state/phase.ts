/**
 * What the app is busy with, as the embed API and the live region name it: a lab run
 * (lottery, comparison) takes precedence over the dense run it was pruned from.
 */
import type { AppState } from './appState';

export type Phase = 'idle' | 'dense' | 'lottery' | 'comparison' | 'seeds';

export function phaseOf(s: Pick<AppState, 'playback' | 'lottery' | 'comparison' | 'seeds'>): Phase {
  if (s.lottery.status === 'running') return 'lottery';
  if (s.comparison.status === 'running') return 'comparison';
  if (s.seeds.status === 'running') return 'seeds';
  return s.playback === 'running' ? 'dense' : 'idle';
}

/** One calm sentence for screen readers: phase, step, loss and accuracy as they are now. */
export function describeForAnnouncement(s: AppState): string {
  const phase = phaseOf(s);
  if (s.connection !== 'ready') return 'Preparing the run.';
  if (phase === 'lottery' && s.lottery.progress) {
    const p = s.lottery.progress;
    return `Lottery lab: ${p.phase}, ${Math.round((100 * p.done) / Math.max(1, p.total))}% done.`;
  }
  if (phase === 'comparison' && s.comparison.progress) {
    const p = s.comparison.progress;
    return `Probe comparison: ${p.phase}, ${Math.round((100 * p.done) / Math.max(1, p.total))}% done.`;
  }
  const last = s.metrics.at(-1);
  const parts = [`Dense run ${s.playback === 'running' ? 'training' : s.playback}: step ${s.step} of ${s.applied.steps}`];
  if (Number.isFinite(s.trainLoss)) parts.push(`training loss ${s.trainLoss.toFixed(3)}`);
  if (last && last.step > 0) parts.push(`test balanced accuracy ${(100 * last.balancedAccuracy).toFixed(1)}%`);
  return `${parts.join(', ')}.`;
}
