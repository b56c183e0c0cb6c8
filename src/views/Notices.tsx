/** Messages the user must see: ignored URL parameters, worker errors (the run stays) and what a fault changed. */
import { useApp } from './storeContext';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const error = useApp((s) => s.error);
  const faultNotice = useApp((s) => s.faultNotice);
  const offerContinue = useApp((s) => s.origin === 'restored' && s.connection === 'ready' && s.playback === 'paused');
  const play = useApp((s) => s.play);
  if (notices.length === 0 && !error && !faultNotice) return null;
  return (
    <div className="notices">
      {faultNotice && (
        <p className="notice" role="status" data-testid="fault-notice">
          {faultNotice}
          {offerContinue && (
            <>
              {' '}
              <button type="button" className="primary" onClick={play}>
                Continue training
              </button>
            </>
          )}
        </p>
      )}
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
