/**
 * The page's handle on the training worker, and its supervisor. It sends typed commands, hands
 * typed events to one listener, and watches the worker:
 *
 *   alive ──(no message for `deadAfterMs` although pinged every `heartbeatMs`)──▶ dead
 *     (any message counts: a pong, an event, or the pong a long synchronous task sends unasked)
 *   alive ──(restart(reason): a step failed inside it)─────────────────────────▶ dead
 *   dead ──▶ terminate it, start a fresh worker, call onRestart(reason) ──▶ alive
 *
 * The page answers onRestart by sending `restore` with the run it holds (store.ts). A worker
 * that dies again and again (more than `maxRestarts` within a minute) is not restarted; the
 * page is told it cannot recover.
 */
import type { Command, Pong, WorkerEvent } from './protocol';

export interface TrainingClient {
  send(cmd: Command): void;
  /** Replaces the worker with a fresh one (after a failure inside it). */
  restart(reason: string): void;
  terminate(): void;
}

/** What the supervisor needs of a Worker (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface SupervisorOptions {
  heartbeatMs?: number;
  /** Silence (no pong, no event) for this long means the worker is gone. */
  deadAfterMs?: number;
  maxRestarts?: number;
  create?: () => WorkerLike;
  now?: () => number;
  /** Commands every new worker gets first, before any other (the page's kept calibrations). */
  greeting?: () => Command[];
}

export const HEARTBEAT_MS = 1000;
/**
 * Silence this long means the worker hangs or died. Its long synchronous work (a 50,000-step
 * `step` on the largest model takes minutes) says it is alive at least once a second (the
 * session's keepAlive), so only a worker that makes no progress goes silent.
 */
export const DEAD_AFTER_MS = 10_000;

function createTrainingWorker(): WorkerLike {
  return new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'lottery-lens-training' }) as unknown as WorkerLike;
}

export function startTrainingWorker(onEvent: (e: WorkerEvent) => void, onRestart: (reason: string) => void, options: SupervisorOptions = {}): TrainingClient {
  const { heartbeatMs = HEARTBEAT_MS, deadAfterMs = DEAD_AFTER_MS, maxRestarts = 3, create = createTrainingWorker, now = () => performance.now(), greeting = () => [] } = options;
  let worker: WorkerLike;
  let lastHeard = now();
  let restarts: number[] = [];
  let stopped = false;

  const start = () => {
    worker = create();
    lastHeard = now();
    worker.onmessage = (e: MessageEvent<WorkerEvent | Pong>) => {
      lastHeard = now();
      if (e.data.type !== 'pong') onEvent(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      onEvent({ type: 'error', message: `The training worker reported an error: ${e.message || 'unknown error'}` });
    };
    for (const cmd of greeting()) worker.postMessage(cmd);
  };

  const restart = (reason: string) => {
    if (stopped) return;
    const t = now();
    restarts = restarts.filter((r) => t - r < 60_000);
    worker.terminate();
    if (restarts.length >= maxRestarts) {
      stopped = true;
      onEvent({ type: 'error', message: `The training worker failed ${restarts.length + 1} times in a minute (last: ${reason}); it was not restarted again. Reload the page to start over.` });
      return;
    }
    restarts.push(t);
    start();
    onRestart(reason);
  };

  start();
  const timer = setInterval(() => {
    if (stopped) return;
    if (now() - lastHeard > deadAfterMs) restart(`it stopped answering for ${Math.round(deadAfterMs / 1000)} s`);
    else worker.postMessage({ type: 'ping' });
  }, heartbeatMs);

  return {
    send: (cmd) => {
      if (!stopped) worker.postMessage(cmd);
    },
    restart,
    terminate: () => {
      stopped = true;
      clearInterval(timer);
      worker.terminate();
    },
  };
}
