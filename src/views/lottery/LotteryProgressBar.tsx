/** Progress of a lottery run: a real <progress>, the phase in words, and the time left. */
import { useApp } from '../storeContext';

export function LotteryProgressBar() {
  const lottery = useApp((s) => s.lottery);
  const p = lottery.progress;
  if (!p) return null;
  const eta = lottery.etaSeconds;
  return (
    <div className="lottery-progress" role="status" aria-live="polite">
      <progress max={p.total} value={p.done} aria-label="Lottery run progress" />
      <span data-testid="lottery-phase">
        {lottery.status === 'running'
          ? `${p.phase} (phase ${p.phaseIndex} of ${p.phases}), step ${p.step} of ${p.lastStep}${eta !== null ? `; about ${eta < 1 ? '<1' : Math.round(eta)} s left` : ''}`
          : lottery.status === 'done'
            ? `Done: ${lottery.tickets.length} networks retrained.`
            : (lottery.message ?? 'Stopped.')}
      </span>
    </div>
  );
}
