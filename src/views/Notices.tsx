/** Messages the user must see: ignored URL parameters and worker errors (the run stays). */
import { useApp } from './storeContext';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const error = useApp((s) => s.error);
  if (notices.length === 0 && !error) return null;
  return (
    <div className="notices">
      {error && (
        <p className="notice error" role="alert">
          {error} The run so far is kept.
        </p>
      )}
      {notices.length > 0 && (
        <div className="notice" role="status">
          Some link parameters were ignored and defaults used instead:
          <ul>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
