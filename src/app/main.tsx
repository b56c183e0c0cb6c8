/**
 * Entry: reads the settings from the URL, starts the training worker, creates the store, and
 * keeps the URL in step with the applied settings (the URL is the experiment).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { settingsFromQuery, settingsToQuery } from '../state/url';
import { createAppStore } from '../state/store';
import { startTrainingWorker } from '../worker/client';
import { StoreContext } from '../views/storeContext';
import { App } from './App';
import './styles.css';

const { settings, ignored } = settingsFromQuery(window.location.search);
let store: ReturnType<typeof createAppStore>;
const worker = startTrainingWorker((event) => store.getState().receive(event));
store = createAppStore((cmd) => worker.send(cmd), settings, ignored);
worker.send({ type: 'configure', settings });

store.subscribe((state, prev) => {
  if (state.applied === prev.applied) return;
  const query = settingsToQuery(state.applied, new URLSearchParams(window.location.search));
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
