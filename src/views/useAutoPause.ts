/**
 * Pauses training while the element is off screen or the tab is hidden, and resumes it when
 * both are back, only if it was this hook that paused it (a reader's own Pause stays paused).
 * An iframe's IntersectionObserver sees the top-level viewport, so an embedded figure scrolled
 * out of an article pauses too. Returns whether it is holding the run paused now.
 */
import { useContext, useEffect, useState, type RefObject } from 'react';
import { StoreContext } from './storeContext';

export function useAutoPause(ref: RefObject<Element | null>): boolean {
  const store = useContext(StoreContext)!;
  const [holding, setHolding] = useState(false);
  useEffect(() => {
    const el = ref.current;
    let onScreen = true;
    let held = false;
    const update = () => {
      const visible = onScreen && document.visibilityState !== 'hidden';
      const s = store.getState();
      if (!visible && s.playback === 'running') {
        held = true;
        s.pause();
      } else if (visible && held) {
        // Commands reach the worker in order, so this play follows the pause even if the
        // worker has not answered it yet.
        held = false;
        s.play();
      }
      setHolding(held);
    };
    const io =
      el && typeof IntersectionObserver !== 'undefined'
        ? new IntersectionObserver((entries) => {
            onScreen = entries[entries.length - 1].isIntersecting;
            update();
          })
        : null;
    if (el) io?.observe(el);
    document.addEventListener('visibilitychange', update);
    // A run started while hidden (e.g. by the embed API) is held at once, and resumes on return.
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.playback === 'running' && prev.playback !== 'running') update();
    });
    return () => {
      unsubscribe();
      io?.disconnect();
      document.removeEventListener('visibilitychange', update);
    };
  }, [ref, store]);
  return holding;
}
