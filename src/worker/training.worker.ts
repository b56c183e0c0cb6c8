/// <reference lib="webworker" />
/**
 * The training worker's entry: wires a TrainingSession to postMessage. Commands are handled
 * one at a time, in order, so a `configure` (which may await a backend) finishes before the
 * commands sent after it. The `exit` fault alone is handled here, at once: the worker closes.
 */
import * as tf from '../engine/trainers/tf';
import type { Command, Pong } from './protocol';
import type { PoolWorkerLike } from './pool/workerPool';
import { TrainingSession } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => queued.shift()?.();

const PONG: Pong = { type: 'pong' };

const session = new TrainingSession({
  post: (event, transfer) => scope.postMessage(event, transfer),
  yieldNow: (fn) => {
    queued.push(fn);
    channel.port2.postMessage(null);
  },
  now: () => performance.now(),
  keepAlive: () => scope.postMessage(PONG),
  // The labs' pool of workers (pool/workerPool.ts): nested module workers, built by Vite like this one.
  pool: {
    spawn: () => new Worker(new URL('./pool/pool.worker.ts', import.meta.url), { type: 'module', name: 'lottery-lens-pool' }) as unknown as PoolWorkerLike,
    now: () => performance.now(),
    every: (ms, fn) => {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
  },
  cores: navigator.hardwareConcurrency,
});

/**
 * Read-only numbers for bench/ and debugging, reached from outside the page's code (Playwright's
 * worker.evaluate): live tfjs tensors and bytes, and the snapshot history's size.
 */
(scope as unknown as { lotteryLensWorker: unknown }).lotteryLensWorker = {
  // The engine's own counters, as tf.memory() reports them; tf.memory() itself would start a
  // tfjs backend where none runs (the fused steps use none).
  memory: () => {
    const { numTensors, numBytes } = tf.engine().state;
    return { numTensors, numBytes, tfjsBackend: tf.getBackend() ?? null, history: session.historySize() };
  },
};

let chain: Promise<void> = Promise.resolve();
scope.onmessage = (e: MessageEvent<Command>) => {
  const cmd = e.data;
  if (cmd.type === 'ping') return scope.postMessage(PONG);
  if (cmd.type === 'fault' && cmd.kind === 'exit') {
    // Diagnostics: die at once and say nothing, as a crashed worker would.
    scope.close();
    return;
  }
  chain = chain.then(() => session.handle(cmd));
};
