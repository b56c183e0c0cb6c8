/**
 * The embed: one panel (the URL's `panel`, feature space by default) with a one-line control
 * bar, for an iframe in an article. The panel fills the frame: the feature-space plots are
 * laid out to fit its height, so a 640x400 frame has no scrollbars, and it works down to
 * 320 px wide. Training pauses while the frame is off screen or the tab hidden, and resumes
 * when the reader comes back. The article can drive it through the postMessage API.
 */
import { useRef } from 'react';
import { PANELS } from '../state/panels';
import { hasProblems, viewedIndex } from '../state/store';
import { LiveAnnouncer } from '../views/LiveAnnouncer';
import { useApp } from '../views/storeContext';
import { useAutoPause } from '../views/useAutoPause';
import { PanelView } from './PanelView';
import { UpdatePrompt } from './UpdatePrompt';

/** The same experiment and view in the full app (the embed's URL without `embed`). */
function fullAppHref(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  return url.toString();
}

function EmbedBar({ held }: { held: boolean }) {
  const playback = useApp((s) => s.playback);
  const step = useApp((s) => s.step);
  const total = useApp((s) => s.applied.steps);
  const ready = useApp((s) => s.connection === 'ready');
  const invalid = useApp(hasProblems);
  const snapshots = useApp((s) => s.snapshots);
  const index = useApp(viewedIndex);
  const play = useApp((s) => s.play);
  const pause = useApp((s) => s.pause);
  const stepBy = useApp((s) => s.stepBy);
  const reset = useApp((s) => s.reset);
  const scrubTo = useApp((s) => s.scrubTo);
  const running = playback === 'running';
  const blocked = !ready || invalid || playback === 'finished';
  const viewed = index >= 0 ? snapshots[index].step : 0;
  const live = useApp((s) => s.viewStep === null);
  return (
    <div className="embed-bar" role="group" aria-label="Training controls">
      {running ? (
        <button type="button" className="primary" onClick={pause}>
          Pause
        </button>
      ) : (
        <button type="button" className="primary" onClick={play} disabled={blocked}>
          Play
        </button>
      )}
      <button type="button" onClick={() => stepBy(10)} disabled={blocked} aria-label="Step 10">
        +10
      </button>
      <button type="button" onClick={reset} disabled={!ready} aria-label="Reset">
        ↺
      </button>
      <input
        type="range"
        aria-label="Timeline"
        aria-valuetext={`step ${viewed}`}
        min={0}
        max={Math.max(0, snapshots.length - 1)}
        value={Math.max(0, index)}
        disabled={snapshots.length < 2}
        onChange={(e) => scrubTo(snapshots[Number(e.target.value)].step)}
      />
      <output className="embed-status" aria-live="off" aria-label="Training status">
        step <span data-testid="step">{step}</span>/{total}
        {held ? ' · paused off screen' : ` · ${playback}`}
        {live ? '' : ' · viewing '}
        {!live && <span data-testid="view-step">{viewed}</span>}
      </output>
      <a className="embed-open" href="./" target="_blank" rel="noopener" aria-label="Open this experiment in the full Lottery Lens app" onClick={(e) => (e.currentTarget.href = fullAppHref())}>
        ↗
      </a>
    </div>
  );
}

export function EmbedApp() {
  const panel = useApp((s) => s.panel) ?? 'features';
  const error = useApp((s) => s.error);
  const root = useRef<HTMLDivElement>(null);
  const held = useAutoPause(root);
  const label = PANELS.find((p) => p.id === panel)?.label ?? '';
  return (
    <div ref={root} className="embed" data-panel={panel} aria-label={`Lottery Lens: ${label}`} role="main">
      <EmbedBar held={held} />
      {error && (
        <p className="embed-error" role="alert">
          {error} The run so far is kept.
        </p>
      )}
      <div className="embed-body">
        <PanelView id={panel} fit />
      </div>
      <LiveAnnouncer />
      {/* The frame is sized to its panel: no prompt here; the new version comes with the next visit once no tab holds the old one. */}
      <UpdatePrompt visible={false} />
    </div>
  );
}
