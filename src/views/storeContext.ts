/** React access to the app store: `useApp(selector)` reads, re-rendering when the slice changes. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppActions, AppState, AppStore } from '../state/store';

export const StoreContext = createContext<AppStore | null>(null);

export function useApp<T>(selector: (s: AppState & AppActions) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp needs a StoreContext provider');
  return useStore(store, selector);
}
