/**
 * Whether an element is on (or within 200 px of) the screen. Figures skip redrawing while off
 * screen and catch up when scrolled back (lifecycle: onscreen ⇄ offscreen), so a long page does
 * not paint what nobody sees while a run streams in.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useOnScreen(ref: RefObject<Element | null>, margin = '200px'): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setVisible(entries[entries.length - 1].isIntersecting), { rootMargin: margin });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, margin]);
  return visible;
}
