/**
 * Entry: reads the settings from the URL, starts the training worker, creates the store, and
 * keeps the URL in step with the applied settings (the URL is the experiment).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { settingsFromQuery, settingsToQuery } from '../state/url';
import { createAppStore } from '../state/store';
import { startTrainingWorker } from '../worker/client';
import type { WorkerEvent } from '../worker/protocol';
import { StoreContext } from '../views/storeContext';
import { App } from './App';
import { download } from './download';
import './styles.css';

const { settings, ignored } = settingsFromQuery(window.location.search);
let store: ReturnType<typeof createAppStore>;
// Worker events are applied at most once per display frame, all together, so a fast run never
// renders more often than the screen can show (a hidden tab, with no frames, flushes on a timer).
let queued: WorkerEvent[] = [];
let scheduled = false;
function applyQueued() {
  scheduled = false;
  const events = queued;
  queued = [];
  store.getState().receiveAll(events);
}
const worker = startTrainingWorker((event) => {
  if (event.type === 'runFile') return download(event.text, runFileName(), 'application/json');
  queued.push(event);
  if (scheduled) return;
  scheduled = true;
  if (document.hidden) setTimeout(applyQueued, 100);
  else requestAnimationFrame(applyQueued);
});
store = createAppStore((cmd) => worker.send(cmd), settings, ignored);
worker.send({ type: 'configure', settings });

store.subscribe((state, prev) => {
  if (state.applied === prev.applied) return;
  const query = settingsToQuery(state.applied, new URLSearchParams(window.location.search));
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
});

function runFileName(): string {
  const { applied, step } = store.getState();
  return `lottery-lens-run-task${applied.seedTask}-init${applied.seedInit}-step${step}.json`;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
