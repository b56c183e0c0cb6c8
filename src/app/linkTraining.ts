/**
 * The step a shared link is training up to, while it trains (null otherwise): restoreView
 * sets it, the page shows a progress bar for it. A tiny store outside zustand, as it is the
 * app's own wiring, not experiment state.
 */
import { useSyncExternalStore } from 'react';

let target: number | null = null;
const listeners = new Set<() => void>();

export function setLinkTarget(next: number | null): void {
  if (next === target) return;
  target = next;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLinkTarget(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => target,
    () => null,
  );
}
