/**
 * The main page's "panel in view", for the URL: after each scroll (once per frame) the panel
 * that holds the line a third of the way down the window becomes the store's panel.
 */
import { useContext, useEffect } from 'react';
import { PANEL_IDS, panelElementId, type PanelId } from '../state/panels';
import { StoreContext } from './storeContext';

export function usePanelTracking(): void {
  const store = useContext(StoreContext)!;
  useEffect(() => {
    let frame = 0;
    let scrolled = false;
    const measure = () => {
      frame = 0;
      if (!scrolled) return; // the page has not been scrolled by the reader: keep the link's panel
      const line = window.innerHeight / 3;
      let current: PanelId | null = null;
      for (const id of PANEL_IDS) {
        const r = document.getElementById(panelElementId(id))?.getBoundingClientRect();
        if (r && r.top <= line && r.bottom > line) current = id;
      }
      store.getState().setPanel(current);
    };
    // Only the reader's own scrolling counts (not the scroll to a link's panel on load).
    const byReader = () => (scrolled = true);
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    const inputs = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const;
    inputs.forEach((t) => window.addEventListener(t, byReader, { passive: true }));
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      inputs.forEach((t) => window.removeEventListener(t, byReader));
      window.removeEventListener('scroll', onScroll);
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [store]);
}
