/**
 * The app's panels, by id: the URL's `panel` names one (the main page scrolls to it, the embed
 * shows only it), and the tour and the embed API refer to them by these ids.
 */
export const PANELS = [
  { id: 'task', label: 'Task' },
  { id: 'features', label: 'Feature space' },
  { id: 'analysis', label: 'Precursors and outcomes' },
  { id: 'lottery', label: 'Lottery tickets' },
  { id: 'comparison', label: 'Probe comparison' },
  { id: 'weights', label: 'Weights' },
  { id: 'metrics', label: 'Metrics' },
] as const;

export type PanelId = (typeof PANELS)[number]['id'];

export const PANEL_IDS: readonly PanelId[] = PANELS.map((p) => p.id);

export function isPanelId(s: unknown): s is PanelId {
  return typeof s === 'string' && (PANEL_IDS as readonly string[]).includes(s);
}

/** The DOM id of a panel's section element. */
export function panelElementId(id: PanelId): string {
  return `panel-${id}`;
}

export interface ScrollOptions {
  /** Smooth scrolling (default), unless the reader prefers reduced motion; false jumps. */
  smooth?: boolean;
  /** An element inside the panel to bring to the top instead, by DOM id (the panel when absent). */
  elementId?: string;
}

/** Scrolls the main page to a panel, or an element in it, top first (instantly when the reader prefers reduced motion). */
export function scrollToPanel(id: PanelId, { smooth = true, elementId }: ScrollOptions = {}): void {
  const el = (elementId ? document.getElementById(elementId) : null) ?? document.getElementById(panelElementId(id));
  const reduced = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  el?.scrollIntoView({ behavior: smooth && !reduced ? 'smooth' : 'auto', block: 'start' });
}

/**
 * scrollToPanel two frames from now: after React has drawn what the caller just changed (a
 * link's first figures, or a taller card above the target that would otherwise move it while a
 * smooth scroll runs).
 */
export function scrollToPanelSoon(id: PanelId, options: ScrollOptions = {}): void {
  requestAnimationFrame(() => requestAnimationFrame(() => scrollToPanel(id, options)));
}
