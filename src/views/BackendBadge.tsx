/**
 * Which backend trains, and why: always visible in the header. Under `auto` it states the
 * calibration's figures (what each candidate reached here, what won), and offers to measure
 * again (the figures are kept per device, so a reload does not measure).
 */
import { calibrationText } from './calibrationText';
import { useApp } from './storeContext';

export function BackendBadge() {
  const backend = useApp((s) => s.backend);
  const calibration = useApp((s) => s.calibration);
  const calibrating = useApp((s) => s.calibrating);
  const remeasure = useApp((s) => s.remeasure);
  if (!backend) return <span className="badge">starting the worker…</span>;
  const auto = backend.requested === 'auto' && calibration !== null;
  const figures = auto ? calibrationText(calibration, true) : null;
  // A re-measure chose another trainer, but a run already trained keeps its own until the next one.
  const later =
    auto && calibration.result.choice.single !== backend.active && !backend.reason.includes('failed to start')
      ? ` This run keeps ${backend.active}; the next one trains on ${calibration.result.choice.single}.`
      : '';
  return (
    <>
      <span
        className="badge"
        data-testid="backend"
        data-backend={backend.active}
        data-calibration={auto ? calibration.source : undefined}
        title={[backend.renderer ?? 'no WebGL renderer', backend.reason, auto ? calibrationText(calibration) : null].filter(Boolean).join('\n')}
      >
        backend: <strong>{backend.active}</strong>
        <span className="reason">
          {' '}
          — {figures ?? backend.reason}
          {later}
        </span>
      </span>
      {backend.requested === 'auto' && (
        <button type="button" className="remeasure" onClick={remeasure} disabled={calibrating} aria-busy={calibrating} aria-label="Re-measure backends">
          re-measure
        </button>
      )}
    </>
  );
}
