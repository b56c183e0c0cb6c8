/** Test-only fixtures shared by the session tests: a session on a recording host, a stand-in GL context, small settings. */
import { DEFAULTS, type Settings } from '../settings/settings';
import type { GpuFaults } from './backends';
import { calibrationKey, type Calibration } from './calibration';
import type { WorkerEvent } from './protocol';
import { TrainingSession } from './session';

/**
 * auto's calibration the session tests run on (Node: no WebGL, WebAssembly SIMD), kept as the
 * page would hand it over, so that auto trains on fused-wasm in every test, whatever a
 * measurement on a busy machine would say.
 */
export const NODE_CALIBRATION: Calibration = {
  key: calibrationKey(null, globalThis.navigator?.userAgent ?? ''),
  single: [{ candidate: 'fused-wasm', outcome: 'timed', rate: 20_000, note: null }],
  batched: [{ candidate: 'fused-wasm', outcome: 'timed', rate: 30_000, note: null }],
  choice: { single: 'fused-wasm', batched: 'fused-wasm' },
  totalMs: 100,
  budgetMs: 150,
  models: 16,
};

/** A session whose events are recorded, with readers for the latest progress and every snapshot step. `measure`: no kept calibration. */
export function harness(faults?: GpuFaults, measure = false) {
  const events: WorkerEvent[] = [];
  const session = new TrainingSession(
    {
      post: (e) => events.push(e),
      yieldNow: (fn) => setImmediate(fn),
      now: () => performance.now(),
    },
    faults,
  );
  void session.handle({ type: 'calibrations', records: measure ? [] : [NODE_CALIBRATION] });
  const progress = () => events.filter((e) => e.type === 'progress').at(-1) as Extract<WorkerEvent, { type: 'progress' }>;
  const snapshotSteps = () => events.flatMap((e) => (e.type === 'snapshots' ? e.items.map((i) => i.step) : []));
  const until = async (pred: () => boolean, ms = 20000) => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { events, session, progress, snapshotSteps, until };
}

export const SMALL: Settings = { ...DEFAULTS, steps: 400, snapshotEvery: 50 };
export const FUSED: Settings = { ...SMALL, backend: 'fused-js' };

export type Snapshots = Extract<WorkerEvent, { type: 'snapshots' }>;

/** A stand-in for the GL context: lost on demand; the fallback starts `fallbackTo` and clears it. */
export interface FakeGpu {
  lost: boolean;
  fallbacks: number;
  onLost: null | (() => void);
  faults: GpuFaults;
}

export function fakeGpu(fallbackTo = 'fused-js'): FakeGpu {
  const gpu: FakeGpu = {
    lost: false,
    fallbacks: 0,
    onLost: null as null | (() => void),
    faults: {
      contextLost: () => gpu.lost,
      loseContext: () => {
        gpu.lost = true;
      },
      watch: (_active: string, onLost: () => void) => {
        gpu.onLost = onLost;
      },
      fallback: async () => {
        gpu.fallbacks++;
        gpu.lost = false;
        return fallbackTo;
      },
    },
  };
  return gpu;
}

/** Every snapshot item streamed so far, in order. */
export function items(events: WorkerEvent[]) {
  return events.flatMap((e) => (e.type === 'snapshots' ? e.items : []));
}

/** The final weights of an uninterrupted fused-js run of `settings`. */
export async function straightRun(settings: Settings): Promise<Float32Array> {
  const h = harness();
  await h.session.handle({ type: 'configure', settings });
  await h.session.handle({ type: 'step', n: settings.steps });
  return items(h.events).at(-1)!.data;
}
