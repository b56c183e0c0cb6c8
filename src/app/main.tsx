/**
 * Entry: sets the light or dark theme (views/theme.ts), reads the settings and the view from
 * the URL, starts the training worker under its supervisor (a dead or failed worker is replaced
 * and the run restored), creates the store, starts the postMessage API, rebuilds a shared
 * link's view and keeps the URL in step with the store (the URL is the experiment).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseQuery } from '../state/url';
import { speedOfView } from '../state/viewUrl';
import { startApi, type LensApi } from '../api/runtime';
import { restoreView, syncUrl } from './urlSync';
import { setLinkTarget } from './linkTraining';
import { initTheme } from '../views/theme';
import { createAppStore } from '../state/store';
import { keptCalibrations } from '../state/calibrationCache';
import { startTrainingWorker } from '../worker/client';
import type { Command, WorkerEvent } from '../worker/protocol';
import { StoreContext } from '../views/storeContext';
import { App } from './App';
import { download } from '../views/download';
import './styles/index.css';

initTheme();
const { settings, view, clauses, ignored } = parseQuery(window.location.search);
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
// localStorage keeps auto's calibration per device; a sandboxed frame may forbid it (then none is kept).
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
let lastWorkerError = 'unknown error';
const worker = startTrainingWorker(
  (event) => {
    if (event.type === 'runFile') {
      if (!api.takeRunFile(event.text)) download(event.text, runFileName(), 'application/json');
      return;
    }
    // A step that threw leaves the worker's trainer in doubt: replace the worker, restore the run.
    if (event.type === 'error') lastWorkerError = event.message;
    if (event.type === 'progress' && event.playback === 'failed') worker.restart(`a training step failed: ${lastWorkerError}`);
    queued.push(event);
    if (scheduled) return;
    scheduled = true;
    if (document.hidden) setTimeout(applyQueued, 100);
    else requestAnimationFrame(applyQueued);
  },
  (reason) => store.getState().recoverWorker(reason),
  { greeting: () => [{ type: 'calibrations', records: keptCalibrations(storage) }] },
);
if (view.embed) document.documentElement.classList.add('embed-mode');
store = createAppStore((cmd) => worker.send(cmd), settings, ignored, { embed: view.embed, panel: view.panel, clauses, storage, speed: speedOfView(view) });
const api = startApi(store);
(window as unknown as { lotteryLens: LensApi }).lotteryLens = api.api;
// While a link trains to its step, the page shows its progress (linkTraining.ts).
restoreView(store, view, setLinkTarget);
syncUrl(store);
worker.send(clauses ? { type: 'configure', settings, clauses } : { type: 'configure', settings });

declare global {
  interface Window {
    /** Diagnostics and tests: sends a raw command to the training worker, past the store (e.g. a `fault`). */
    lotteryLensDebug?: { send(cmd: Command): void };
  }
}
window.lotteryLensDebug = { send: (cmd) => worker.send(cmd) };

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
