/**
 * Keeps `--bar-h` (on <html>) at the sticky stage bar's height, so what sits below it (the
 * drawer, a section scrolled to) clears it; 0 where the bar does not stick (phones).
 */
import { useEffect, type RefObject } from 'react';

export function useBarHeight(bar: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const set = () => {
      const sticky = getComputedStyle(el).position === 'sticky';
      document.documentElement.style.setProperty('--bar-h', `${sticky ? Math.ceil(el.getBoundingClientRect().height) : 0}px`);
    };
    const ro = new ResizeObserver(set);
    ro.observe(el);
    window.addEventListener('resize', set);
    set();
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', set);
    };
  }, [bar]);
}
