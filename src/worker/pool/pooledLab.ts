/**
 * A lab run by a pool of workers, seen by the LabRunner like a lab run in one piece: its
 * `results` (and dense runs) are the parts' outputs merged in the one-piece order
 * (engine/labs/labParts.ts), so the session holds and streams exactly what one worker would
 * have, in the same order. Nothing trains here: `advance` only reports a part that failed, and
 * the runner waits for `whenChanged` instead of slicing. `dispose` terminates every pool worker.
 *
 * New analysis settings (`setFeatures`) re-derive every part's output from its kept weights;
 * parts still running computed theirs at the old settings, so what they send is re-derived as
 * it arrives.
 */
import type { FeatureSettings } from '../../engine/analysis/runAnalysis';
import type { Experiment } from '../../engine/core/experiment';
import type { AnyOutput, LabPart } from '../../engine/labs/labParts';
import type { PartProgress } from './poolProtocol';
import { type PoolHost, WorkerPool } from './workerPool';

export interface PoolRequest<Merged> {
  host: PoolHost;
  size: number;
  experiment: Experiment;
  backend: string;
  features: FeatureSettings;
  parts: LabPart[];
  /** The parts' outputs so far, merged in the one-piece order. */
  merge(outputs: AnyOutput[]): Merged;
  /** One part's dense run and results at new analysis settings (engine/labs/rederive.ts, as the one-piece lab's setFeatures). */
  rederive(dense: unknown[], results: unknown[], features: FeatureSettings): { dense: unknown[]; results: unknown[] };
}

export class PooledLab<R, Merged extends { results: R[] }> {
  merged: Merged;
  private readonly outputs: AnyOutput[] = [];
  /** The analysis settings each part's output is at. */
  private readonly at: FeatureSettings[];
  private readonly progressOf: (PartProgress | null)[];
  private readonly pool: WorkerPool;
  private failure: string | null = null;
  private wake: (() => void) | null = null;
  private features: FeatureSettings;

  constructor(private readonly request: PoolRequest<Merged>) {
    const { parts, experiment } = request;
    this.features = request.features;
    this.at = parts.map(() => request.features);
    this.progressOf = parts.map(() => null);
    this.merged = request.merge([]);
    this.pool = new WorkerPool(request.host, request.size, {
      progress: (part, p) => {
        this.progressOf[part] = p;
      },
      output: (part, e) => this.take(part, e.from, e.dense, e.results, e.done),
      failed: (message) => {
        this.failure = message;
      },
      changed: () => {
        const fn = this.wake;
        this.wake = null;
        fn?.();
      },
    });
    this.pool.run(parts, { config: experiment.config, clauses: experiment.task.clauses, backend: request.backend, features: request.features });
  }

  get results(): R[] {
    return this.merged.results;
  }

  get finished(): boolean {
    return this.failure === null && this.request.parts.every((_, i) => this.outputs[i]?.done === true);
  }

  /** Workers in the pool, and how many were replaced after a crash. */
  get workers(): { size: number; replaced: number } {
    return { size: this.pool.size, replaced: this.pool.replaced };
  }

  /** Nothing trains here; a part that threw fails the lab (the runner reports it). */
  advance(_steps: number): void {
    if (this.failure !== null) throw new Error(this.failure);
    if (this.finished) this.pool.stop();
  }

  /** Calls `fn` once, at the next message from the pool. */
  whenChanged(fn: () => void): void {
    if (this.finished || this.failure !== null) queueMicrotask(fn);
    else this.wake = fn;
  }

  dispose(): void {
    this.wake = null;
    this.pool.stop();
  }

  crashOne(): boolean {
    return this.pool.crashOne();
  }

  /** Model-steps done in every part; each part's progress (null before its first report); the running part furthest behind. */
  partsProgress(): { done: number; each: (PartProgress | null)[]; behind: PartProgress | null; partsDone: number } {
    const known = this.progressOf.filter((p): p is PartProgress => p !== null);
    const running = known.filter((p) => p.done < p.total);
    return {
      done: known.reduce((a, p) => a + p.done, 0),
      each: this.progressOf,
      behind: running.sort((a, b) => a.done / a.total - b.done / b.total)[0] ?? null,
      partsDone: this.outputs.filter((o) => o?.done).length,
    };
  }

  setFeatures(features: FeatureSettings): void {
    this.features = features;
    this.outputs.forEach((o, i) => o && this.rederiveOutput(i));
    this.merged = this.request.merge(this.outputs.filter(Boolean));
  }

  /** A part's new output: appended (a part run again after a crash sends what is known again), re-derived if the settings moved on. */
  private take(part: number, from: number, dense: unknown[], results: unknown[], done: boolean): void {
    const o = (this.outputs[part] ??= { index: part, dense: [], results: [], done: false } as AnyOutput);
    const list = o.results as unknown[];
    if (from + results.length > list.length) list.push(...results.slice(list.length - from));
    if (o.dense.length === 0 && dense.length > 0) (o.dense as unknown[]).push(...dense);
    o.done ||= done;
    if (this.at[part] !== this.features) this.rederiveOutput(part);
    this.merged = this.request.merge(this.outputs.filter(Boolean));
  }

  private rederiveOutput(part: number): void {
    const o = this.outputs[part] as { dense: unknown[]; results: unknown[] };
    this.at[part] = this.features;
    if (o.dense.length === 0) return;
    const { dense, results } = this.request.rederive(o.dense, o.results, this.features);
    o.dense.splice(0, o.dense.length, ...dense);
    o.results.splice(0, o.results.length, ...results);
  }
}
