/**
 * The timeline: a slider over the snapshots kept so far. Moving it shows the weights and
 * metrics as they were at that step (instant: snapshots are already on the page); "Live"
 * returns to following the newest one.
 */
import { viewedIndex } from '../state/store';
import { useApp } from './storeContext';

export function Timeline() {
  const snapshots = useApp((s) => s.snapshots);
  const index = useApp(viewedIndex);
  const live = useApp((s) => s.viewStep === null);
  const scrubTo = useApp((s) => s.scrubTo);
  const followLive = useApp((s) => s.followLive);
  const max = Math.max(0, snapshots.length - 1);
  const step = index >= 0 ? snapshots[index].step : 0;
  return (
    <div className="timeline">
      <label htmlFor="timeline">Timeline</label>
      <input
        id="timeline"
        type="range"
        min={0}
        max={max}
        step={1}
        value={Math.max(0, index)}
        disabled={snapshots.length < 2}
        aria-valuetext={`step ${step}`}
        onChange={(e) => scrubTo(snapshots[Number(e.target.value)].step)}
      />
      <span className="viewing" data-testid="view-step">
        viewing step {step}
      </span>
      <button type="button" onClick={followLive} disabled={live} aria-label="Follow the live step">
        Live
      </button>
    </div>
  );
}
