/** How much larger figures draw their marks, strokes and labels: 1, or more in presentation mode. */
import { useApp } from './storeContext';

/** Zoom of figure marks and text in presentation mode (the page's text grows by 20/15 in CSS). */
export const PRESENTATION_SCALE = 1.5;

/** The embed has no presentation mode (its CSS keeps the text small to fit the frame): always 1 there. */
export function useFigureScale(): number {
  return useApp((s) => (s.presentation && !s.embed ? PRESENTATION_SCALE : 1));
}
