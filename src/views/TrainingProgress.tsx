/**
 * Progress of a run training up to a step (a shared link's `at`): a progressbar with the step
 * reached and the time left, from the steps per second the worker measured (while none is
 * measured yet it says so rather than guess).
 */
import { useApp } from './storeContext';

function timeLeft(seconds: number): string {
  if (seconds < 1) return 'under a second left';
  if (seconds < 90) return `about ${Math.round(seconds)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

export function TrainingProgress({ target, label }: { target: number; label: string }) {
  const step = useApp((s) => s.step);
  const rate = useApp((s) => s.stepsPerSecond);
  const done = Math.min(step, target);
  const left = rate > 0 ? timeLeft((target - done) / rate) : 'measuring the speed…';
  const text = `step ${done} of ${target}; ${left}`;
  return (
    <div className="link-progress" data-testid="link-progress">
      <span>{label}</span>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={target} aria-valuenow={done} aria-valuetext={text} className="bar-track">
        <div className="bar-fill" style={{ width: `${(100 * done) / Math.max(1, target)}%` }} />
      </div>
      <span data-testid="link-progress-text">{text}</span>
    </div>
  );
}
