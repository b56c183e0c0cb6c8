/**
 * Light or dark: the reader's choice (the toggle, kept in localStorage) or else the system's
 * (prefers-color-scheme, followed live). The theme is `data-theme` on <html>, which swaps the
 * colour tokens (app/styles/tokens.css); canvases redraw when it changes (useTheme).
 *
 *   load ──▶ stored choice ?? system ──▶ data-theme ◀── toggle (stored) / system change (if no choice)
 */
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

export const THEME_KEY = 'lottery-lens-theme';

const listeners = new Set<() => void>();

function stored(): Theme | null {
  try {
    const v = window.localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null; // storage blocked (a sandboxed iframe): follow the system
  }
}

function system(): Theme {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme on the page now. */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function apply(theme: Theme): void {
  if (document.documentElement.dataset.theme === theme) return;
  document.documentElement.dataset.theme = theme;
  listeners.forEach((l) => l());
}

/** Sets the theme from the stored choice or the system, and follows the system while no choice is stored. */
export function initTheme(): void {
  apply(stored() ?? system());
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (stored() === null) apply(system());
  });
}

/** The reader's choice: applied now and remembered. */
export function chooseTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(THEME_KEY, theme);
  } catch {
    // not remembered, still applied
  }
  apply(theme);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current theme; components re-render (and canvases redraw) when it changes. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme, () => 'light');
}
