/**
 * The URL and the store, both ways. On load, a shared link's view is rebuilt: the run is
 * trained to the link's step (`at`) at full speed, in chunks of about a quarter second so the
 * page can show progress and time left, then the viewed step, the selection and the panel are
 * restored. After that, the URL follows the store (settings, edited clauses, trained step, viewed step,
 * selection, panel, speed), written at most every 500 ms with history.replaceState.
 */
import { scrollToPanelSoon } from '../state/panels';
import { hasProblems, type AppState, type AppStore } from '../state/store';
import { toQuery } from '../state/url';
import { NO_VIEW, viewSpeed, type ViewState } from '../state/viewUrl';

const WRITE_MS = 500;

/** Seconds of training per chunk of a link's run, at the measured speed. */
const CHUNK_S = 0.25;
/** Steps of the first chunk, before any speed is measured. */
const FIRST_CHUNK = 100;

/**
 * Steps in the next chunk of a link's training: about CHUNK_S seconds at `rate` steps/s
 * (FIRST_CHUNK before a rate is known), a whole number of snapshot strides so the kept
 * snapshots are the ones one long step would keep, and no more than `remaining`.
 */
export function chunkSize(remaining: number, rate: number, stride: number): number {
  const wanted = rate > 0 ? rate * CHUNK_S : FIRST_CHUNK;
  return Math.min(remaining, Math.max(stride, Math.floor(wanted / stride) * stride));
}

/** The experiment's full URL as the store stands now (what the address bar shows once written). */
export function experimentUrl(s: AppState, loc: Pick<Location, 'origin' | 'pathname' | 'search'> = window.location): string {
  const query = toQuery(s.applied, viewOf(s), new URLSearchParams(loc.search), s.clauses);
  return `${loc.origin}${loc.pathname}${query ? `?${query}` : ''}`;
}

/** An <iframe> snippet embedding the experiment: its URL with `embed`, the panel in view (feature space by default). */
export function embedSnippet(s: AppState, loc: Pick<Location, 'origin' | 'pathname' | 'search'> = window.location): string {
  const view = { ...viewOf(s), embed: true, tour: null, present: false, panel: s.panel ?? 'features' };
  const src = `${loc.origin}${loc.pathname}?${toQuery(s.applied, view, new URLSearchParams(loc.search), s.clauses)}`;
  const escaped = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${escaped}" title="Lottery Lens: an interactive figure" width="640" height="400" style="border:0" loading="lazy"></iframe>`;
}

/** The view to write for the store as it is now. */
export function viewOf(s: AppState): ViewState {
  return {
    ...NO_VIEW,
    panel: s.panel,
    at: s.step > 0 ? s.step : null,
    view: s.viewStep,
    row: s.selection.row,
    clause: s.selection.clause,
    embed: s.embed,
    tour: s.tour,
    present: s.presentation,
    speed: viewSpeed(s.speed),
  };
}

/**
 * Rebuilds the link's view once the worker is ready: trains to `at` (paused there, or finished),
 * then scrubs to `view` and selects the row and clause. Gives up if the reader resets or
 * reconfigures the run first. `onTraining` hears the step being trained to, then null when
 * that is over (done or given up). Returns a function that stops waiting.
 */
export function restoreView(store: AppStore, view: ViewState, onTraining: (target: number | null) => void = () => {}): () => void {
  if (view.present) store.getState().setPresentation(true);
  if (view.tour !== null) store.getState().setTour(view.tour);
  let stage: 'configure' | 'train' | 'done' = 'configure';
  const at = view.at ?? 0;
  /** The step the chunk in flight trains to (0: none). */
  let asked = 0;
  const giveUp = () => {
    stage = 'done';
    onTraining(null);
  };
  const finish = () => {
    giveUp(); // first: the calls below update the store, which calls back here
    const s = store.getState();
    if (view.view !== null) s.scrubTo(view.view);
    if (view.row !== null || view.clause !== null) s.select({ row: view.row, clause: view.clause });
    // On load the page jumps (no animation), once the run's first figures have rendered.
    const panel = view.panel;
    if (panel && !s.embed && typeof requestAnimationFrame === 'function') scrollToPanelSoon(panel, { smooth: false });
  };
  // The next chunk, once the last one is in and unless the reader's own run is going.
  const trainOn = (s: AppState) => {
    if (s.connection !== 'ready' || hasProblems(s) || s.playback === 'running' || s.step < asked || s.step >= at) return;
    const n = chunkSize(at - s.step, s.stepsPerSecond, s.applied.snapshotEvery);
    asked = s.step + n;
    store.getState().stepBy(n);
  };
  const check = (s: AppState) => {
    if (stage === 'configure' && s.connection === 'ready' && s.snapshots.length > 0) {
      if (at > 0 && s.step < at) {
        stage = 'train';
        onTraining(at);
        trainOn(s);
      } else finish();
    } else if (stage === 'train') {
      // A reset or a new configuration empties the run: the reader started another one, to
      // which the link's view does not belong.
      if (s.snapshots.length === 0) giveUp();
      else if (s.step >= at && s.snapshots.at(-1)!.step >= at) finish();
      // A restarted worker forgets the chunk it was given: ask again once it is ready.
      else if (s.connection !== 'ready') asked = 0;
      else trainOn(s);
    }
  };
  const unsubscribe = store.subscribe((s) => {
    if (stage !== 'done') check(s);
    if (stage === 'done') unsubscribe();
  });
  return unsubscribe;
}

/** Keeps the address bar in step with the store; returns a function that stops it. */
export function syncUrl(store: AppStore, win: Window = window): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    // While a run is being configured its step and snapshots are not yet the link's: wait.
    if (store.getState().connection !== 'ready') {
      timer = setTimeout(write, WRITE_MS);
      return;
    }
    const s = store.getState();
    const query = toQuery(s.applied, viewOf(s), new URLSearchParams(win.location.search), s.clauses);
    // Compared with the address itself (not the last write): a link's own query is not written
    // again, and a view back at the defaults clears the query it had.
    if (query === win.location.search.replace(/^\?/, '')) return;
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${query ? `?${query}` : ''}${win.location.hash}`);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    const changed =
      s.applied !== prev.applied ||
      s.clauses !== prev.clauses ||
      s.step !== prev.step ||
      s.viewStep !== prev.viewStep ||
      s.selection !== prev.selection ||
      s.panel !== prev.panel ||
      s.tour !== prev.tour ||
      s.presentation !== prev.presentation ||
      s.speed !== prev.speed;
    if (changed && timer === null) timer = setTimeout(write, WRITE_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
