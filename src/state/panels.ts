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

/** Scrolls the main page to a panel (instantly when the reader prefers reduced motion). */
export function scrollToPanel(id: PanelId, smooth = true): void {
  const reduced = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  document.getElementById(panelElementId(id))?.scrollIntoView({ behavior: smooth && !reduced ? 'smooth' : 'auto', block: 'start' });
}
