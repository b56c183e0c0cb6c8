/** Which backend trains, and why: always visible in the header. */
import { useApp } from './storeContext';

export function BackendBadge() {
  const backend = useApp((s) => s.backend);
  if (!backend) return <span className="badge">starting the worker…</span>;
  return (
    <span className="badge" data-testid="backend" data-backend={backend.active} title={backend.renderer ?? 'no WebGL renderer'}>
      backend: <strong>{backend.active}</strong>
      <span className="reason"> — {backend.reason}</span>
    </span>
  );
}
