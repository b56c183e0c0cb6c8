/** Test fixtures of the embed API's runtime: a fake window, worker events, and a store wired to both. */
import { createAppStore } from '../state/store';
import { generateTask } from '../engine/core/task';
import { DEFAULTS, type Settings } from '../settings/settings';
import type { Command, WorkerEvent } from '../worker/protocol';
import type { ApiEvent } from './messages';
import { startApi } from './runtime';

export const ORIGIN = 'https://article.example';

export interface Posted {
  data: unknown;
  origin: string;
}

/** A window as startApi uses it: 'message' listeners, a parent that records posts, postMessage. */
function fakeWindow(embedded: boolean) {
  const handlers: ((e: MessageEvent) => void)[] = [];
  const parentPosts: Posted[] = [];
  const selfPosts: Posted[] = [];
  const parent = { postMessage: (data: unknown, origin: string) => parentPosts.push({ data, origin }) };
  const win: Record<string, unknown> = {
    addEventListener: (type: string, h: (e: MessageEvent) => void) => type === 'message' && handlers.push(h),
    removeEventListener: (type: string, h: (e: MessageEvent) => void) => {
      const i = handlers.indexOf(h);
      if (type === 'message' && i >= 0) handlers.splice(i, 1);
    },
    postMessage: (data: unknown, origin: string) => selfPosts.push({ data, origin }),
  };
  win.parent = embedded ? parent : win;
  /** Delivers a message as the browser would: data, the sending window and its origin. */
  const dispatch = (data: unknown, source: unknown = win.parent, origin = ORIGIN) => {
    for (const h of handlers.slice()) h({ data, source, origin } as unknown as MessageEvent);
  };
  return { win: win as unknown as Window, parentPosts, selfPosts, handlers, dispatch };
}

export const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
export const configured = (settings: Settings = DEFAULTS): WorkerEvent => ({ type: 'configured', task, settings, backend, imported: false });
export const snap = (step: number, m = DEFAULTS.m, balancedAccuracy = 0.5) => ({
  step,
  data: new Float32Array(m * 24 + m + 12 * m + 12).fill(step),
  metrics: { loss: 1 / (step + 1), balancedAccuracy, exactMatch: 0 },
  frame: { step, dTilde: new Float32Array(m * 12), d: new Uint8Array(m * 12), flags: new Uint8Array(m * 12) },
});
export const snapshots = (steps: number[], m = DEFAULTS.m): WorkerEvent => ({ type: 'snapshots', items: steps.map((s) => snap(s, m)) });
export const progress = (step: number, playback: 'running' | 'paused' = 'running', trainLoss = 0.25): WorkerEvent => ({
  type: 'progress',
  playback,
  step,
  stepsPerSecond: 1000,
  trainLoss,
});

export function setup({ embedded = true, embed = true }: { embedded?: boolean; embed?: boolean } = {}) {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS, [], { embed, panel: 'features' });
  const w = fakeWindow(embedded);
  const runtime = startApi(store, w.win);
  const events = () => w.parentPosts.map((p) => p.data as ApiEvent);
  const ofType = <T extends ApiEvent['type']>(type: T) => events().filter((e): e is Extract<ApiEvent, { type: T }> => e.type === type);
  /** Posts a command from the embedding page. */
  const command = (c: Record<string, unknown>) => w.dispatch({ lotteryLens: 1, ...c });
  /** The worker answers the configure and sends step 0: the store is ready. */
  const becomeReady = (settings: Settings = store.getState().applied) => {
    store.getState().receive(configured(settings));
    store.getState().receive(snapshots([0], settings.m));
  };
  /** The worker trained (paused) to `step`, keeping a snapshot every 50 steps. */
  const trainedTo = (step: number) => {
    const have = store.getState().snapshots.at(-1)?.step ?? 0;
    const steps = [];
    for (let s = have + 50; s < step; s += 50) steps.push(s);
    store.getState().receiveAll([progress(step, 'paused'), snapshots([...steps, step])]);
  };
  const commandsOf = (type: Command['type']) => sent.filter((c) => c.type === type);
  return { store, sent, runtime, ...w, events, ofType, command, becomeReady, trainedTo, commandsOf };
}
