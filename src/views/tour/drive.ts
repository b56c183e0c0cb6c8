/**
 * How a tour step sets the page up: only through store actions (preset, play, pause, step,
 * reset, select, run the lottery or the comparison) and by scrolling a panel into view
 * (scrollToPanelSoon in state/panels.ts). Each helper waits for the worker's answer in the
 * store, and gives up quietly (returns false) as soon as the tour has moved on, so a presenter
 * can click through faster than the run trains.
 *
 *   step i opens ──▶ setup(store, run) ──▶ ensurePreset ─▶ trainTo / trainToEnd ─▶ lab ─▶ ready
 *                         │ run.alive() false (Next, Previous, Close) ──▶ every wait ends
 */
import { presetSettings, sameSettings, type PresetId } from '../../settings/settings';
import type { AppStore } from '../../state/store';
import type { LotteryForm } from '../../state/lottery';
import type { ComparisonForm } from '../../state/comparison';

export interface TourRun {
  /** False once the tour has left this step (or closed): stop waiting and change nothing more. */
  alive(): boolean;
  /** A short line for the tour panel about what the setup is doing ("Training to step 100…"). */
  status(text: string): void;
}

type State = ReturnType<AppStore['getState']>;

/** Resolves true once `pred` holds, false as soon as the run is no longer alive. */
export function waitFor(store: AppStore, pred: (s: State) => boolean, run: TourRun): Promise<boolean> {
  return new Promise((resolve) => {
    const check = () => {
      if (!run.alive()) return finish(false);
      if (pred(store.getState())) return finish(true);
    };
    let unsubscribe = () => {};
    // Closing or moving the tour also changes the store, so one subscription sees both.
    const finish = (ok: boolean) => {
      unsubscribe();
      resolve(ok);
    };
    unsubscribe = store.subscribe(check);
    check();
  });
}

/** Applies a preset unless its settings are already the ones running; waits for the worker. */
export async function ensurePreset(store: AppStore, id: PresetId, run: TourRun): Promise<boolean> {
  const want = () => ({ ...presetSettings(id), backend: store.getState().applied.backend });
  if (!sameSettings(want(), store.getState().applied) || store.getState().origin === 'imported') {
    run.status('Loading the preset…');
    store.getState().applyPreset(id);
  }
  return waitFor(store, (s) => s.connection === 'ready' && sameSettings(s.applied, want()), run);
}

const lastSnapshot = (s: State) => s.snapshots[s.snapshots.length - 1]?.step ?? -1;

/** Leaves the run paused at exactly `target` (resetting first when it is already past it). */
export async function trainTo(store: AppStore, target: number, run: TourRun): Promise<boolean> {
  if (!(await waitFor(store, (s) => s.connection === 'ready', run))) return false;
  if (store.getState().playback === 'running') {
    store.getState().pause();
    if (!(await waitFor(store, (s) => s.playback !== 'running', run))) return false;
  }
  if (store.getState().step > target) {
    run.status('Starting the run again…');
    store.getState().reset();
    if (!(await waitFor(store, (s) => s.step === 0 && lastSnapshot(s) === 0, run))) return false;
  }
  const { step } = store.getState();
  if (step < target) {
    run.status(`Training to step ${target}…`);
    store.getState().stepBy(target - step);
  }
  const ok = await waitFor(store, (s) => s.step === target && lastSnapshot(s) === target && s.playback !== 'running', run);
  if (ok) store.getState().followLive();
  return ok;
}

/** Plays the run to its last step (at the chosen speed) and waits for the final analysis. */
export async function trainToEnd(store: AppStore, run: TourRun): Promise<boolean> {
  if (!(await waitFor(store, (s) => s.connection === 'ready', run))) return false;
  const s = store.getState();
  if (s.playback !== 'finished' && s.playback !== 'running') s.play();
  run.status('Training to the end…');
  const ok = await waitFor(store, (x) => x.playback === 'finished' && x.analysisFinal, run);
  if (ok) store.getState().followLive();
  return ok;
}

/** The lottery lab for this step: runs it with `form` unless its results are already here. */
export async function ensureLottery(store: AppStore, form: Partial<LotteryForm>, run: TourRun): Promise<boolean> {
  if (!(await trainToEnd(store, run))) return false;
  const s = store.getState();
  const same = Object.entries(form).every(([k, v]) => JSON.stringify(s.lotteryForm[k as keyof LotteryForm]) === JSON.stringify(v));
  if (same && s.lottery.status === 'done' && s.lottery.tickets.length > 0) return true;
  if (s.lottery.status === 'running') {
    s.cancelLottery();
    if (!(await waitFor(store, (x) => x.lottery.status !== 'running', run))) return false;
  }
  store.getState().setLotteryForm(form);
  store.getState().runLottery();
  run.status('Pruning, rewinding and retraining…');
  return waitFor(store, (x) => x.lottery.status === 'done' || x.lottery.status === 'cancelled', run).then((ok) => ok && store.getState().lottery.status === 'done');
}

/** The probe comparison for this step (answered at once from the cache when it ran before). */
export async function ensureComparison(store: AppStore, form: Partial<ComparisonForm>, run: TourRun): Promise<boolean> {
  if (!(await trainToEnd(store, run))) return false;
  const s = store.getState();
  if (s.lottery.status === 'running') s.cancelLottery();
  if (s.comparison.status === 'running') {
    s.cancelComparison();
    if (!(await waitFor(store, (x) => x.comparison.status !== 'running', run))) return false;
  }
  store.getState().setComparisonForm(form);
  store.getState().runComparison();
  run.status('Finding masks with every method and retraining them…');
  return waitFor(store, (x) => x.comparison.status === 'done' || x.comparison.status === 'cancelled', run).then((ok) => ok && store.getState().comparison.status === 'done');
}
