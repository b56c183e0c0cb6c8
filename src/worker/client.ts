/**
 * The page's handle on the training worker: sends typed commands, hands typed events to one
 * listener, and reports a worker that dies as an error event.
 */
import type { Command, WorkerEvent } from './protocol';

export interface TrainingClient {
  send(cmd: Command): void;
  terminate(): void;
}

export function startTrainingWorker(onEvent: (e: WorkerEvent) => void): TrainingClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'lottery-lens-training' });
  worker.onmessage = (e: MessageEvent<WorkerEvent>) => onEvent(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    onEvent({ type: 'error', message: `The training worker stopped: ${e.message || 'unknown error'}` });
  };
  return { send: (cmd) => worker.postMessage(cmd), terminate: () => worker.terminate() };
}
