/**
 * A pool of workers that runs a lab's parts (one seed each: engine/labs/labParts.ts) side by
 * side, in the training worker. Parts go to free workers in order; a worker that finishes a part
 * takes the next. A worker that crashes (an error event) or falls silent (no message for
 * `stallMs`, doubled at each stall of the same part so that a slow part still finishes) is
 * terminated, replaced by a fresh one, and its part runs again from the start; what it had sent
 * stays (a part gives the same results every time: the listener keeps the longer output). A
 * part that throws inside its lab (`failed`) would throw again: the pool stops and says why.
 * `stop()` terminates every worker at once (cancel).
 *
 *   run(parts) ─▶ free worker ← part i ─▶ progress / output … output {done} ─▶ next part
 *                      └─ error or silence ─▶ terminate, spawn, part i again
 */
import type { LabPart } from '../../engine/labs/labParts';
import type { PartProgress, PoolCommand, PoolEvent } from './poolProtocol';

/** What the pool needs of a Worker (a fake in unit tests). */
export interface PoolWorkerLike {
  postMessage(cmd: PoolCommand): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<PoolEvent>) => void) | null;
  onerror: ((e: Event) => void) | null;
}

export interface PoolHost {
  spawn(): PoolWorkerLike;
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export interface PoolListener {
  progress(part: number, progress: PartProgress): void;
  /** Results `from`… of a part (and its dense run, once known); `done` at its end. */
  output(part: number, event: Extract<PoolEvent, { type: 'output' }>): void;
  failed(message: string): void;
  /** After every message handled (progress, output, a replacement): the lab may have changed. */
  changed(): void;
}

/** What every part's run command shares. */
export type RunBase = Omit<Extract<PoolCommand, { type: 'run' }>, 'type' | 'job' | 'part'>;

interface Slot {
  worker: PoolWorkerLike;
  part: number | null;
  heard: number;
}

/** Silence after which a busy worker counts as dead, for a part's first try (then doubled). */
export const STALL_MS = 10_000;
const WATCH_MS = 500;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private queue: number[] = [];
  private parts: LabPart[] = [];
  private base: RunBase | null = null;
  private stalls: number[] = [];
  private unwatch: (() => void) | null = null;
  /** Workers replaced after a crash or a stall (for the page and the tests). */
  replaced = 0;

  constructor(
    private readonly host: PoolHost,
    readonly size: number,
    private readonly listener: PoolListener,
  ) {}

  run(parts: LabPart[], base: RunBase): void {
    this.parts = parts;
    this.base = base;
    this.queue = parts.map((_, i) => i);
    this.stalls = parts.map(() => 0);
    const n = Math.min(this.size, parts.length);
    for (let i = 0; i < n; i++) this.slots.push(this.spawnSlot());
    for (const slot of this.slots) this.assign(slot);
    this.unwatch = this.host.every(WATCH_MS, () => this.watch());
  }

  /** Terminates every worker now. */
  stop(): void {
    this.unwatch?.();
    this.unwatch = null;
    for (const slot of this.slots) this.kill(slot);
    this.slots.length = 0;
    this.queue = [];
  }

  /** Diagnostics: tells a busy worker to close without a word, as a crashed one does; false when none is busy. */
  crashOne(): boolean {
    const slot = this.slots.find((s) => s.part !== null);
    slot?.worker.postMessage({ type: 'exit' });
    return slot !== undefined;
  }

  private spawnSlot(): Slot {
    const slot: Slot = { worker: this.host.spawn(), part: null, heard: this.host.now() };
    slot.worker.onmessage = (e) => this.heard(slot, e.data);
    slot.worker.onerror = (e) => {
      e.preventDefault?.();
      this.replace(slot);
    };
    return slot;
  }

  private assign(slot: Slot): void {
    const part = this.queue.shift();
    slot.part = part ?? null;
    slot.heard = this.host.now();
    if (part === undefined || !this.base) return;
    slot.worker.postMessage({ type: 'run', job: part, part: this.parts[part], ...this.base });
  }

  private heard(slot: Slot, event: PoolEvent): void {
    if (!this.slots.includes(slot) || event.job !== slot.part) return;
    slot.heard = this.host.now();
    if (event.type === 'progress') this.listener.progress(event.job, event.progress);
    else if (event.type === 'output') {
      this.listener.output(event.job, event);
      if (event.done) this.assign(slot);
    } else {
      this.stop();
      this.listener.failed(event.message);
    }
    this.listener.changed();
  }

  /** A crashed or silent worker: a fresh one runs its part again. */
  private replace(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.kill(slot);
    const fresh = this.spawnSlot();
    this.slots[at] = fresh;
    this.replaced++;
    if (slot.part !== null) this.queue.unshift(slot.part);
    this.assign(fresh);
    this.listener.changed();
  }

  private watch(): void {
    const now = this.host.now();
    for (const slot of [...this.slots]) {
      if (slot.part === null) continue;
      if (now - slot.heard > STALL_MS * 2 ** this.stalls[slot.part]) {
        this.stalls[slot.part]++;
        this.replace(slot);
      }
    }
  }

  private kill(slot: Slot): void {
    slot.worker.onmessage = null;
    slot.worker.onerror = null;
    slot.worker.terminate();
  }
}
