/**
 * The view slice: what the user is looking at (the step viewed, the row and clause picked or
 * hovered, the panel) and the arithmetic that finds the snapshot on screen.
 */
import type { AppState, Slice, ViewActions, ViewFields } from './appState';
import type { PanelId } from './panels';
import { NO_SELECTION } from './selection';

export interface ViewOptions {
  embed?: boolean;
  panel?: PanelId | null;
}

export function createViewSlice(options: ViewOptions): Slice<ViewFields & ViewActions> {
  return (set, get) => ({
    selection: NO_SELECTION,
    hover: NO_SELECTION,
    viewStep: null,
    panel: options.panel ?? null,
    embed: options.embed ?? false,

    scrubTo(step) {
      const snaps = get().snapshots;
      if (snaps.length === 0) return;
      set({ viewStep: snaps[nearestIndex(snaps, step)].step });
    },
    followLive() {
      set({ viewStep: null });
    },
    select(selection) {
      set({ selection: { ...get().selection, ...selection } });
    },
    setHover(selection) {
      const h = get().hover;
      if (h.row !== selection.row || h.clause !== selection.clause) set({ hover: selection });
    },
    setPanel(panel) {
      if (get().panel !== panel) set({ panel });
    },
  });
}

/** Index of the last snapshot with step <= `step` (binary search; the first if none). */
export function nearestIndex(snaps: readonly { step: number }[], step: number): number {
  let lo = 0;
  let hi = snaps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (snaps[mid].step <= step) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The snapshot on screen: the one at `viewStep`, or the latest. */
export function viewedIndex(s: Pick<AppState, 'snapshots' | 'viewStep'>): number {
  if (s.snapshots.length === 0) return -1;
  return s.viewStep === null ? s.snapshots.length - 1 : nearestIndex(s.snapshots, s.viewStep);
}
