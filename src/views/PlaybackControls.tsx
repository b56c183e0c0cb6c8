/**
 * Play / pause, step by 1, 10 or 100, speed (the offered ones, and any other a link or the
 * embed API set, so the control always shows the speed asked for), reset, and the run's status line. Play and the
 * step buttons are disabled while a setting or an edited clause is invalid (the message sits
 * beside the field or the clause).
 */
import { hasProblems, SPEEDS } from '../state/store';
import { useApp } from './storeContext';

const STEP_SIZES = [1, 10, 100];

function speedLabel(s: number | null): string {
  return s === null ? 'max' : `${s.toLocaleString('en-US')} steps/s`;
}

export function PlaybackControls() {
  const playback = useApp((s) => s.playback);
  const step = useApp((s) => s.step);
  const total = useApp((s) => s.applied.steps);
  const rate = useApp((s) => s.stepsPerSecond);
  const speed = useApp((s) => s.speed);
  const ready = useApp((s) => s.connection === 'ready');
  const invalid = useApp(hasProblems);
  const play = useApp((s) => s.play);
  const pause = useApp((s) => s.pause);
  const stepBy = useApp((s) => s.stepBy);
  const setSpeed = useApp((s) => s.setSpeed);
  const reset = useApp((s) => s.reset);
  const blocked = invalid || !ready;
  const finished = playback === 'finished';
  const running = playback === 'running';
  return (
    <div className="controls" role="group" aria-label="Training controls">
      {running ? (
        <button type="button" onClick={pause} className="primary">
          Pause
        </button>
      ) : (
        <button type="button" onClick={play} className="primary" disabled={blocked || finished} title={invalid ? 'Fix the settings or clauses marked in red first' : undefined}>
          Play
        </button>
      )}
      {STEP_SIZES.map((n) => (
        <button key={n} type="button" onClick={() => stepBy(n)} disabled={blocked || finished} aria-label={`Step ${n}`}>
          +{n}
        </button>
      ))}
      <label className="inline">
        Speed{' '}
        <select value={String(speed)} onChange={(e) => setSpeed(e.target.value === 'null' ? null : Number(e.target.value))} aria-label="Speed">
          {(SPEEDS.includes(speed) ? SPEEDS : [...SPEEDS, speed]).map((s) => (
            <option key={String(s)} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={reset} disabled={!ready}>
        Reset
      </button>
      <output className="status" aria-label="Training status" aria-live="off">
        <span data-testid="step">{step}</span> / {total} steps · {playback}
        {rate > 0 && running ? ` · ${Math.round(rate).toLocaleString('en-US')} steps/s` : ''}
      </output>
      {invalid && <span className="blocked-note">Play is off until the settings and clauses are valid.</span>}
    </div>
  );
}
