/**
 * Exported figures are light whatever the page's theme: the export reads the figure under the
 * light tokens and redraws its canvases with them, then puts the page back, all in one task, so
 * nothing is painted in between.
 *
 *   dark page ──▶ data-theme=light, canvases redrawn ──▶ read styles, copy pixels ──▶ dark again, redrawn
 */

const redraws = new WeakMap<HTMLCanvasElement, () => void>();

/** Registers how to draw `canvas` again with the colours of the theme in force; returns the unregistration. */
export function setRedraw(canvas: HTMLCanvasElement, redraw: () => void): () => void {
  redraws.set(canvas, redraw);
  return () => {
    if (redraws.get(canvas) === redraw) redraws.delete(canvas);
  };
}

/** Runs `read` with the page in the light theme and the canvases under `root` drawn in it. */
export function inLightTheme<T>(root: Element, read: () => T): T {
  const html = document.documentElement;
  const theme = html.dataset.theme;
  if (theme === undefined || theme === 'light') return read();
  const canvases = [...root.querySelectorAll('canvas')];
  html.dataset.theme = 'light';
  try {
    canvases.forEach((c) => redraws.get(c)?.());
    return read();
  } finally {
    html.dataset.theme = theme;
    canvases.forEach((c) => redraws.get(c)?.());
  }
}
