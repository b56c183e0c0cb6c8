/**
 * Entry: reads the settings from the URL, starts the training worker, creates the store, and
 * keeps the URL in step with the applied settings (the URL is the experiment).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { settingsFromQuery, settingsToQuery } from '../state/url';
import { createAppStore } from '../state/store';
import { startTrainingWorker } from '../worker/client';
import type { Command, WorkerEvent } from '../worker/protocol';
import { StoreContext } from '../views/storeContext';
import { App } from './App';
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
  if (event.type === 'runFile') return download(event.text, runFileName());
  queued.push(event);
  if (scheduled) return;
  scheduled = true;
  if (document.hidden) setTimeout(applyQueued, 100);
  else requestAnimationFrame(applyQueued);
});
store = createAppStore((cmd) => worker.send(cmd), settings, ignored);
worker.send({ type: 'configure', settings });

declare global {
  interface Window {
    /** Diagnostics and tests: sends a raw command to the training worker, past the store (e.g. a `fault`). */
    lotteryLensDebug?: { send(cmd: Command): void };
  }
}
window.lotteryLensDebug = { send: (cmd) => worker.send(cmd) };

store.subscribe((state, prev) => {
  if (state.applied === prev.applied) return;
  const query = settingsToQuery(state.applied, new URLSearchParams(window.location.search));
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
});

function runFileName(): string {
  const { applied, step } = store.getState();
  return `lottery-lens-run-task${applied.seedTask}-init${applied.seedInit}-step${step}.json`;
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
