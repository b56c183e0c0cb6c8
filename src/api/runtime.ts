/**
 * The embed API at run time: commands in (postMessage from the embedding page, or
 * `window.lotteryLens.send`), store actions out; store changes in, events out (to the parent
 * page and to `window.lotteryLens.on` handlers). Message shapes live in messages.ts.
 *
 *   parent ──postMessage {lotteryLens: 1, type, …}──▶ parseCommand ──▶ queue until ready ──▶ store
 *   store.subscribe ──▶ ready · progress (≤ 4 per s) · finished · error ──▶ parent + handlers
 *
 * Only the embedding parent may command the embed: a message from any other window (or from the
 * app's own window) is answered with `error` and nothing runs. Messages that do not carry the
 * `lotteryLens` key belong to other scripts and are ignored without an answer.
 *
 * Request ids: a command's `id` travels with it through the queue; while it runs, `error` and
 * the answers it sends carry that id, and if it ran without an error, `accepted {id, command}`
 * follows. `exportRun`'s id waits for the worker's run file and goes out on `run`.
 */
import { scrollToPanel } from '../state/panels';
import type { AppState, AppStore } from '../state/store';
import { apiEvent, parseCommand, type ApiCommand, type ApiEvent, type ApiRequestId, type Phase } from './messages';
import { withId } from './requestId';
import { progressEvent, stateEvent } from './runtimeEvents';

export interface LensApi {
  /** Sends one command, as the parent page would (validated the same way). */
  send(message: unknown): void;
  /** Listens to one event type ('*' for all); returns a function that stops listening. */
  on(type: ApiEvent['type'] | '*', handler: (event: ApiEvent) => void): () => void;
}

export interface ApiRuntime {
  api: LensApi;
  /** Hands the API a run file the worker wrote; true when the API had asked for it. */
  takeRunFile(text: string): boolean;
  dispose(): void;
}

const PROGRESS_MS = 250;

type Listener = { type: ApiEvent['type'] | '*'; handler: (event: ApiEvent) => void };
/** A command as it waits in the queue: with its request id, if it came with one. */
type Request = { command: ApiCommand; id?: ApiRequestId };

export function startApi(store: AppStore, win: Window = window): ApiRuntime {
  const embedded = win.parent !== win;
  const listeners: Listener[] = [];
  /** The parent's origin once it has sent a valid command; '*' before (events carry nothing secret). */
  let parentOrigin = '*';
  const queued: Request[] = [];
  let afterDense: (() => void)[] = [];
  /** One entry per exportRun still waiting for its run file: the request id it came with. */
  const exportsWanted: (ApiRequestId | undefined)[] = [];
  /** The command running now (its replies carry its id), and whether it was refused. */
  let running: { id?: ApiRequestId; refused: boolean } | null = null;
  let lastProgress = 0;
  let progressTimer: ReturnType<typeof setTimeout> | null = null;
  let announcedReady = false;

  const emit = (event: ApiEvent) => {
    if (embedded) win.parent.postMessage(event, parentOrigin);
    for (const l of listeners.slice()) if (l.type === '*' || l.type === event.type) l.handler(event);
  };
  /** An error; while a command runs, its refusal (with the command's id). */
  const error = (message: string, id = running?.id) => {
    if (running) running.refused = true;
    emit(withId({ lotteryLens: 1, type: 'error', message } as const, id));
  };

  /** The last progress of a phase, then `finished`: a progress still waiting to be sent is dropped, so none comes after. */
  const finished = (s: AppState, phase: Phase) => {
    if (progressTimer !== null) clearTimeout(progressTimer);
    progressTimer = null;
    lastProgress = performance.now();
    if (phase === 'dense') emit({ ...progressEvent(s), phase } as ApiEvent);
    emit(apiEvent('finished', { phase }));
  };

  /** Runs `fn` once the dense run has finished, training it to the end first if needed. */
  const withFinishedRun = (fn: () => void) => {
    const s = store.getState();
    if (s.playback === 'finished') return fn();
    afterDense.push(fn);
    if (s.playback !== 'running') s.stepBy(s.applied.steps - s.step);
  };

  const run = (c: ApiCommand) => {
    const s = store.getState();
    switch (c.type) {
      case 'play':
        if (s.playback === 'finished') return error('The dense run has finished; send reset to train it again.');
        return s.play();
      case 'pause':
        return s.pause();
      case 'reset':
        return s.reset();
      case 'step':
        if (s.playback === 'finished') return error('The dense run has finished; send reset to train it again.');
        return s.stepBy(c.n);
      case 'seek':
        if (c.step > s.applied.steps) return error(`seek: step ${c.step} is beyond the run's last step (${s.applied.steps}).`);
        return s.seek(c.step);
      case 'setSettings': {
        const problems = s.applySettings(c.settings);
        const keys = Object.keys(problems) as (keyof typeof problems)[];
        if (keys.length > 0) error(`setSettings: nothing was changed. ${keys.map((k) => `${k}: ${problems[k]}`).join(' ')}`);
        return;
      }
      case 'select': {
        const row = c.row ?? null;
        const clause = c.clause ?? null;
        if (row !== null && row >= s.applied.m) return error(`select: row must be below m (${s.applied.m}).`);
        if (clause !== null && clause >= s.applied.K) return error(`select: clause must be below K (${s.applied.K}).`);
        const patch: { row?: number | null; clause?: number | null } = {};
        if ('row' in c) patch.row = row;
        if ('clause' in c) patch.clause = clause;
        return s.select(patch);
      }
      case 'getState':
        return emit(withId(stateEvent(s), running?.id));
      case 'exportRun':
        exportsWanted.push(running?.id);
        return s.exportRun();
      case 'speed':
        return s.setSpeed(c.stepsPerSecond);
      case 'show':
        s.setPanel(c.panel);
        if (!s.embed) scrollToPanel(c.panel);
        return;
      case 'runLottery':
        return withFinishedRun(() =>
          store.getState().runLottery({
            sparsities: [c.sparsity],
            rewindStep: c.rewindStep,
            mode: c.imp === false ? 'oneshot' : 'imp',
            ...(c.layerwise !== undefined && { scope: c.layerwise ? 'layerwise' : 'global' }),
          }),
        );
      case 'runSeeds':
        return withFinishedRun(() => store.getState().runSeeds(c.seeds));
      case 'runComparison':
        return withFinishedRun(() => {
          store.getState().runComparison({ methods: c.methods, sparsities: c.sparsities, seeds: c.seeds, lambda: c.lambda, motionSteps: c.motionSteps });
          // The same comparison of this run again is shown from the cache, never running: it is done at once.
          const after = store.getState();
          if (after.comparison.status === 'done') finished(after, 'comparison');
        });
    }
  };

  /** Runs one command with its id in force; acknowledges it with `accepted` if it has an id and was not refused. */
  const runRequest = ({ command, id }: Request) => {
    const outer = running;
    const now = (running = { id, refused: false });
    try {
      run(command);
    } finally {
      running = outer;
    }
    if (id !== undefined && !now.refused) emit(apiEvent('accepted', { id, command: command.type }));
  };

  const accept = (request: Request) => {
    if (store.getState().connection === 'ready' && queued.length === 0) runRequest(request);
    else queued.push(request);
  };

  /**
   * Runs the waiting commands in order while the store is ready. A command that reconfigures
   * (setSettings) makes it unready: the rest wait again for the new run, as they would have
   * had they been sent after it.
   */
  let flushing = false;
  const flush = () => {
    if (flushing) return; // a command's own store update calls back here; the loop below goes on
    flushing = true;
    try {
      while (queued.length > 0 && store.getState().connection === 'ready') runRequest(queued.shift()!);
    } finally {
      flushing = false;
    }
  };

  const receive = (data: unknown) => {
    const parsed = parseCommand(data);
    if (parsed === null) return;
    if (!parsed.ok) return error(parsed.error, parsed.id);
    accept(parsed);
  };

  const onMessage = (e: MessageEvent) => {
    const fromParent = embedded && e.source === win.parent;
    const parsed = parseCommand(e.data);
    if (parsed === null) return;
    if (!fromParent) {
      const source = e.source as Window | null;
      if (source && typeof source.postMessage === 'function' && source !== win) {
        const message = 'Ignored: Lottery Lens takes commands only from the page that embeds it.';
        source.postMessage(withId({ lotteryLens: 1, type: 'error', message } satisfies ApiEvent, parsed.id), e.origin && e.origin !== 'null' ? e.origin : '*');
      }
      if (source === win) error('Ignored: a message the app posted to itself is not a command; use window.lotteryLens.send.', parsed.id);
      return;
    }
    const origin = e.origin && e.origin !== 'null' ? e.origin : '*';
    if (!parsed.ok) return win.parent.postMessage(withId({ lotteryLens: 1, type: 'error', message: parsed.error } satisfies ApiEvent, parsed.id), origin);
    // Known before the command runs, so its own answer (e.g. `state`) goes to that origin only.
    if (origin !== '*') parentOrigin = origin;
    accept(parsed);
  };
  win.addEventListener('message', onMessage);

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.connection === 'ready' && !announcedReady) {
      announcedReady = true;
      emit(apiEvent('ready'));
    }
    if (s.connection === 'ready' && queued.length > 0) flush();
    if (s.error && s.error !== prev.error) error(s.error);
    // Finished phases.
    if (s.playback === 'finished' && prev.playback !== 'finished') {
      finished(s, 'dense');
      const pending = afterDense;
      afterDense = [];
      pending.forEach((fn) => fn());
    }
    for (const phase of ['lottery', 'comparison', 'seeds'] as const) {
      const now = s[phase];
      const before = prev[phase];
      if (before.status === 'running' && now.status !== 'running') {
        if (now.status === 'done') finished(s, phase);
        else if (now.message) error(now.message);
      }
    }
    if (afterDense.length > 0) {
      if (s.snapshots.length === 0 && s.snapshots !== prev.snapshots) {
        // A configure, reset or import threw the run away: the lab run was asked of that run.
        afterDense = [];
        error('A lab run waiting for the dense run was dropped: the run was reset or its settings changed first.');
      } else if (s.connection === 'ready' && prev.connection !== 'ready' && s.origin === 'restored' && s.playback !== 'finished') {
        // The worker was replaced on the way and the run restored from its newest snapshot,
        // paused: train on to the end (the worker stops at the last step).
        s.stepBy(s.applied.steps);
      }
    }
    // Progress, at a calm rate with a trailing update so the last value is always sent.
    const moved = s.step !== prev.step || s.lottery.progress !== prev.lottery.progress || s.comparison.progress !== prev.comparison.progress;
    const justFinished = (s.playback === 'finished' && prev.playback !== 'finished') || (['lottery', 'comparison'] as const).some((p) => prev[p].status === 'running' && s[p].status !== 'running');
    if (moved && progressTimer === null && !justFinished) {
      const wait = Math.max(0, lastProgress + PROGRESS_MS - performance.now());
      progressTimer = setTimeout(() => {
        progressTimer = null;
        lastProgress = performance.now();
        emit(progressEvent(store.getState()));
      }, wait);
    }
  });

  const api: LensApi = {
    send: (message) => receive(message),
    on: (type, handler) => {
      const l = { type, handler };
      listeners.push(l);
      return () => {
        const i = listeners.indexOf(l);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
  };

  return {
    api,
    takeRunFile(text) {
      if (exportsWanted.length === 0) return false;
      const id = exportsWanted.shift();
      try {
        emit(withId({ lotteryLens: 1, type: 'run', data: JSON.parse(text) } as const, id));
      } catch {
        error('exportRun: the run file could not be read back.', id);
      }
      return true;
    },
    dispose() {
      unsubscribe();
      win.removeEventListener('message', onMessage);
      if (progressTimer !== null) clearTimeout(progressTimer);
    },
  };
}
