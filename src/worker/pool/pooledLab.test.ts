import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../engine/analysis/runAnalysis';
import { buildExperiment } from '../../engine/core/experiment';
import { partLab } from '../../engine/labs/labParts';
import { type ComparisonSettings, ProbeComparison, type SeedRun } from '../../engine/labs/probeComparison';
import { createTrainer } from '../../engine/trainers/createTrainer';
import { PooledComparison } from './pooledLabs';
import type { PoolCommand, PoolEvent } from './poolProtocol';
import { type PoolHost, type PoolWorkerLike, STALL_MS } from './workerPool';

const FS = { tau: 0.3, tauOut: 0.25, r: 1, precursorNeedsReadout: false };
const exp = buildExperiment({
  task: { n: 12, K: 4, k: 3, p: 0.5, q: 0.3 },
  train: { m: 8, optimizer: 'adam', lr: 0.01, adamEpsilon: 1e-7, batch: 64, steps: 100 },
  seeds: { task: 1, init: 2, data: 3, test: 4 },
});
const SETTINGS: ComparisonSettings = { methods: ['random', 'oneshot', 'imp'], sparsities: [0.5, 0.8], seeds: [2, 9, 11], lambda: 0.5, motionSteps: 10 };

function own(): SeedRun {
  const t = createTrainer('fused-wasm', { task: exp.task, train: exp.config.train, dataSeed: 3, init: exp.init, masks: null, startStep: 0 });
  t.train(100);
  const final = t.params();
  t.dispose();
  const snaps = [
    { step: 0, params: exp.init },
    { step: 100, params: final },
  ];
  return { seed: 2, dataSeed: 3, init: exp.init, final, finalCodes: analyzeRun(snaps, exp.shape, exp.task.clauses, FS).finalCodes, ...exp.evaluator.evaluate(final) };
}

type Kind = 'works' | 'silent' | 'errors' | 'throws';

/** A pool worker in this thread: it runs its part as pool.worker.ts does (results as phases end), one macrotask per phase; or misbehaves. */
class FakeWorker implements PoolWorkerLike {
  onmessage: ((e: MessageEvent<PoolEvent>) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  terminated = false;
  constructor(readonly kind: Kind) {}
  postMessage(cmd: PoolCommand): void {
    if (cmd.type !== 'run' || this.kind === 'silent') return;
    if (this.kind === 'errors') return void setTimeout(() => this.onerror?.({ preventDefault() {} } as Event));
    if (this.kind === 'throws') return void setTimeout(() => this.emit({ type: 'failed', job: cmd.job, message: 'out of memory' }));
    const lab = partLab(cmd.backend, buildExperiment(cmd.config, cmd.clauses), cmd.features, cmd.part);
    let sent = 0;
    const slice = () => {
      if (this.terminated) return;
      const before = lab.results.length;
      while (!lab.finished && lab.results.length === before) lab.advance(50);
      const dense = 'seedRuns' in lab ? lab.seedRuns : [];
      this.emit({ type: 'progress', job: cmd.job, progress: lab.progress() as never });
      this.emit({ type: 'output', job: cmd.job, from: sent, dense: [...dense], results: lab.results.slice(sent), done: lab.finished });
      sent = lab.results.length;
      if (!lab.finished) setTimeout(slice);
    };
    setTimeout(slice);
  }
  terminate(): void {
    this.terminated = true;
  }
  private emit(event: PoolEvent): void {
    if (!this.terminated) this.onmessage?.({ data: event } as MessageEvent<PoolEvent>);
  }
}

/** A host whose workers behave as `kinds` says, in spawn order (then 'works'), with a clock and a watchdog the test moves. */
function fakeHost(kinds: Kind[]) {
  const spawned: FakeWorker[] = [];
  const clock = { now: 0, watch: () => {} };
  const host: PoolHost = {
    spawn: () => {
      const w = new FakeWorker(kinds[spawned.length] ?? 'works');
      spawned.push(w);
      return w;
    },
    now: () => clock.now,
    every: (_ms, fn) => {
      clock.watch = fn;
      return () => {
        clock.watch = () => {};
      };
    },
  };
  return { host, spawned, clock };
}

/** Waits for the pooled lab as the LabRunner does: at each change, until it finishes (or throws). */
function settle(lab: PooledComparison): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      try {
        lab.advance(0);
      } catch (err) {
        return reject(err);
      }
      if (lab.finished) resolve();
      else lab.whenChanged(check);
    };
    check();
  });
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function oneWorker(): ProbeComparison {
  const lab = new ProbeComparison('fused-wasm', exp, own(), FS, SETTINGS);
  while (!lab.finished) lab.advance(32);
  return lab;
}

describe('a comparison on a pool of workers', () => {
  const whole = oneWorker();

  it('replaces a worker that falls silent, runs its part again, and holds results in the one-worker order; τ changes meanwhile are re-derived', async () => {
    const { host, spawned, clock } = fakeHost(['silent']);
    const lab = new PooledComparison({ host, size: 2 }, exp, 'fused-wasm', own(), FS, SETTINGS);
    expect(spawned).toHaveLength(2);
    // The second worker runs seeds 9 and 11; the first part (seed 2) waits on the silent worker,
    // and no result shows before it: the one-piece order starts with seed 2.
    while (lab.partsProgress().partsDone < 2) await tick();
    expect(lab.results).toEqual([]);
    expect(lab.progress().done).toBeLessThan(lab.progress().total);
    // New analysis settings while the first part is lost; its results will come at the old ones.
    const FS2 = { ...FS, tau: 0.45 };
    lab.setFeatures(FS2);
    clock.now = STALL_MS - 1;
    clock.watch();
    expect(spawned).toHaveLength(2);
    clock.now = STALL_MS + 1;
    clock.watch();
    expect(spawned).toHaveLength(3);
    expect(spawned[0].terminated).toBe(true);
    await settle(lab);
    expect(lab.workers).toEqual({ size: 2, replaced: 1 });
    const at2 = oneWorker();
    at2.setFeatures(FS2);
    expect(lab.results).toHaveLength(3 * 2 * 3);
    expect(lab.results).toEqual(at2.results);
    expect(lab.seedRuns).toEqual(at2.seedRuns);
    expect(lab.progress()).toMatchObject({ done: whole.progress().total, total: whole.progress().total });
    // Every worker is released once the lab is done.
    expect(spawned.every((w) => w.terminated)).toBe(true);
  });

  it('replaces a worker that crashes with an error at once', async () => {
    const { host, spawned } = fakeHost(['works', 'errors']);
    const lab = new PooledComparison({ host, size: 2 }, exp, 'fused-wasm', own(), FS, SETTINGS);
    await settle(lab);
    expect(spawned).toHaveLength(3);
    expect(lab.workers.replaced).toBe(1);
    expect(lab.results).toEqual(whole.results);
  });

  it('fails the lab with the reason when a part throws, and stops every worker', async () => {
    const { host, spawned } = fakeHost(['works', 'throws']);
    const lab = new PooledComparison({ host, size: 2 }, exp, 'fused-wasm', own(), FS, SETTINGS);
    await expect(settle(lab)).rejects.toThrow('out of memory');
    expect(spawned.every((w) => w.terminated)).toBe(true);
  });

  it('terminates every worker on dispose (cancel), keeping the results already merged', async () => {
    const { host, spawned } = fakeHost([]);
    const lab = new PooledComparison({ host, size: 3 }, exp, 'fused-wasm', own(), FS, SETTINGS);
    while (lab.results.length === 0) await tick();
    const streamed = [...lab.results];
    expect(streamed).toEqual(whole.results.slice(0, streamed.length));
    lab.dispose();
    expect(spawned).toHaveLength(3);
    expect(spawned.every((w) => w.terminated)).toBe(true);
    // Every result found stays, in the one-worker order (later seeds' cells too).
    const key = (r: { seed: number; sparsity: number; method: string }) => `${r.seed}|${r.sparsity}|${r.method}`;
    const kept = lab.results.map(key);
    expect(kept.slice(0, streamed.length)).toEqual(streamed.map(key));
    expect(kept).toEqual(whole.results.map(key).filter((k) => kept.includes(k)));
    expect(lab.results).toEqual(whole.results.filter((r) => kept.includes(key(r))));
  });
});
