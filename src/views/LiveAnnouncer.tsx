/**
 * The ARIA live region: step, loss and phase for screen readers, at a calm rate. It speaks at
 * most every `everyMs` while a run streams (the status line itself is aria-live="off", or it
 * would be read at every step), and within a second of a change of phase (started, paused,
 * finished, a lab run begun or done).
 */
import { useContext, useEffect, useState } from 'react';
import { describeForAnnouncement, phaseOf } from '../state/phase';
import { StoreContext } from './storeContext';

export function LiveAnnouncer({ everyMs = 5000 }: { everyMs?: number }) {
  const store = useContext(StoreContext)!;
  const [text, setText] = useState('');
  useEffect(() => {
    let last = '';
    let soon: ReturnType<typeof setTimeout> | null = null;
    const speak = () => {
      soon = null;
      const message = describeForAnnouncement(store.getState());
      if (message !== last) setText((last = message));
    };
    const timer = setInterval(speak, everyMs);
    const unsubscribe = store.subscribe((s, prev) => {
      const changed = s.playback !== prev.playback || phaseOf(s) !== phaseOf(prev) || s.connection !== prev.connection;
      if (changed && soon === null) soon = setTimeout(speak, 1000);
    });
    return () => {
      clearInterval(timer);
      if (soon !== null) clearTimeout(soon);
      unsubscribe();
    };
  }, [store, everyMs]);
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {text}
    </div>
  );
}
