/**
 * Every core: the parts of a sweep (engine/labs/labParts.ts, one per seed) run on a pool of
 * worker_threads, each thread taking the next part when it finishes one. A thread loads this
 * same bundle; main.ts sees `workerData.lotteryLens` and calls `partWorker`.
 *
 *   main thread ──{part}──▶ thread ── partLab(...).advance(n)* ──{progress}*──{output}──▶ main
 *
 * Outputs are plain data and typed arrays (structured clone), returned in part order, so the
 * merge (and so the file) does not depend on which thread ran which part or when.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { FeatureSettings } from '../engine/analysis/runAnalysis';
import { buildExperiment } from '../engine/core/experiment';
import type { Clause } from '../engine/core/types';
import { type AnyOutput, type LabPart, partLab, partOutput } from '../engine/labs/labParts';
import type { ExperimentConfig } from '../engine/core/experiment';

/** What every thread needs to rebuild the experiment the parts run on. */
export interface PartContext {
  backend: string;
  config: ExperimentConfig;
  clauses: Clause[];
  features: FeatureSettings;
}

type ToThread = { type: 'part'; part: LabPart } | { type: 'stop' };
type FromThread = { type: 'progress'; index: number; done: number; total: number } | { type: 'output'; output: AnyOutput } | { type: 'error'; message: string };

const PROGRESS_MS = 200;

/**
 * Runs `parts` on up to `threads` threads; `onProgress(index, done, total)` as each part moves
 * (model-steps). Resolves with the outputs in the order of `parts`; rejects on a thread's error
 * (the other threads are stopped).
 */
export function runParts(bundle: URL, context: PartContext, parts: readonly LabPart[], threads: number, onProgress: (index: number, done: number, total: number) => void): Promise<AnyOutput[]> {
  const outputs = new Map<number, AnyOutput>();
  const queue = [...parts];
  const pool: Worker[] = [];
  return new Promise((resolve, reject) => {
    let failed = false;
    const stopAll = () => {
      for (const w of pool) void w.terminate();
    };
    const feed = (w: Worker) => {
      const part = queue.shift();
      w.postMessage((part ? { type: 'part', part } : { type: 'stop' }) satisfies ToThread);
    };
    const count = Math.max(1, Math.min(threads, parts.length));
    if (parts.length === 0) return resolve([]);
    for (let i = 0; i < count; i++) {
      const w = new Worker(bundle, { workerData: { lotteryLens: context } });
      pool.push(w);
      w.on('message', (m: FromThread) => {
        if (failed) return;
        if (m.type === 'progress') onProgress(m.index, m.done, m.total);
        else if (m.type === 'error') {
          failed = true;
          stopAll();
          reject(new Error(m.message));
        } else {
          outputs.set(m.output.index, m.output);
          if (outputs.size === parts.length) {
            stopAll();
            resolve(parts.map((p) => outputs.get(p.index)!));
          } else feed(w);
        }
      });
      w.on('error', (err) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(err);
      });
      // A thread that dies without an error event (killed, out of memory) must not leave the sweep waiting.
      w.on('exit', (code) => {
        if (failed || outputs.size === parts.length || code === 0) return;
        failed = true;
        stopAll();
        reject(new Error(`a worker thread stopped (exit code ${code}) before its part was done.`));
      });
      feed(w);
    }
  });
}

/** A thread's loop: rebuild the experiment once, then run each part it is given to its end. */
export async function partWorker(prepare: () => Promise<void>): Promise<void> {
  const port = parentPort!;
  const context = (workerData as { lotteryLens: PartContext }).lotteryLens;
  await prepare();
  const experiment = buildExperiment(context.config, context.clauses);
  port.on('message', (m: ToThread) => {
    if (m.type === 'stop') return port.close();
    try {
      const lab = partLab(context.backend, experiment, context.features, m.part);
      let last = 0;
      try {
        while (!lab.finished) {
          lab.advance(64);
          const now = performance.now();
          if (now - last >= PROGRESS_MS) {
            last = now;
            const p = lab.progress();
            port.postMessage({ type: 'progress', index: m.part.index, done: p.done, total: p.total } satisfies FromThread);
          }
        }
        port.postMessage({ type: 'output', output: partOutput(m.part, lab) } satisfies FromThread);
      } finally {
        lab.dispose();
      }
    } catch (err) {
      port.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies FromThread);
    }
  });
}
