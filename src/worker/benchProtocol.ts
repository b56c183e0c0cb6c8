/**
 * The typed protocol between the diagnostics page and its bench worker, and the promise API the
 * page exposes as `window.lotteryDiagnostics` (for bench/run.mjs and the e2e tests). Kept apart
 * from protocol.ts: the training worker streams a playback; this one answers one request at a time.
 *
 *   page (app/diagnostics.tsx)                  worker (bench.worker.ts)
 *   ──────────────────────────                  ────────────────────────
 *   {id, type: 'probe'}             ─────────▶  reads the worker's WebGL renderer
 *   {id, type: 'train', ...}        ─────────▶  starts the backend, trains a fresh dense run
 *   {id, type: 'speed', ...}        ─────────▶  times the first step, warms up, times repeats
 *   {id, type: 'batchedSpeed', ...} ─────────▶  the same for M models trained at once (batched trainer)
 *                                   ◀─────────  {id, ok: true, result} | {id, ok: false, message}
 *
 * Requests run in order, one at a time: the tfjs backend is global to the worker.
 */
import { BACKENDS, type BackendChoice, type Settings } from '../settings/settings';
import type { WebGLProbe } from './backends';

/** Every backend a user can pick, except `auto` (which is one of these, chosen at run time). */
export type BenchBackend = Exclude<BackendChoice, 'auto'>;
export const BENCH_BACKENDS: readonly BenchBackend[] = BACKENDS.filter((b): b is BenchBackend => b !== 'auto');

export interface TrainRequest {
  backend: BenchBackend;
  /** Changes from DEFAULTS (src/settings/settings.ts); `backend` here is ignored. */
  settings?: Partial<Settings>;
  /** Data steps to train from the initial parameters. */
  steps: number;
}

export interface TrainResult {
  /** 'fused-js' / 'fused-wasm', or tf.getBackend() read in the worker after training. */
  backend: string;
  step: number;
  /** Shapes: W1 [m*n], b1 [m], W2 [K*m], b2 [K] (row-major, as in engine/core/types.ts). */
  params: { W1: number[]; b1: number[]; W2: number[]; b2: number[] };
}

export interface SpeedRequest extends TrainRequest {
  /** `steps` = steps per timed repeat; with `targetMs` it is only the cap. */
  repeats: number;
  /** Size each repeat from the warm-up rate to take about this long. */
  targetMs?: number;
  /** Untimed training after the first step (default 300 ms). */
  warmupMs?: number;
}

export interface SpeedResult {
  backend: string;
  /** Constructing the trainer + train(1) + reading the loss back (webgl: shader compilation). */
  firstStepMs: number;
  warmupSteps: number;
  stepsPerRepeat: number;
  /** One per repeat: training only (no snapshots, no evaluation), after the warm-up. */
  stepsPerSecond: number[];
  median: number;
}

/** Speed of training `models` dense models at once with the backend's batched trainer. */
export interface BatchedSpeedRequest {
  backend: BenchBackend;
  /** Changes from DEFAULTS (src/settings/settings.ts); `backend` here is ignored. */
  settings?: Partial<Settings>;
  /** Models trained at once, 1 to 256: model i has init seed seedInit + i. */
  models: number;
  /** Models per data seed (default 3, a ticket and two controls): model i trains on seedData + floor(i / perSeed). */
  perSeed?: number;
  /** Timed repeats, each on fresh models, for at most settings.steps data steps. */
  repeats: number;
  /** Size each repeat from the warm-up rate to take about this long (default 1000 ms). */
  targetMs?: number;
  /** Untimed training after the first step (default 300 ms). */
  warmupMs?: number;
}

export interface BatchedSpeedResult {
  /** 'fused-wasm' | 'fused-js' | tf.getBackend() read in the worker. */
  backend: string;
  models: number;
  perSeed: number;
  /** Distinct data seeds among the models. */
  dataSeeds: number;
  /** Constructing the batched trainer + train(1) + reading a loss back. */
  firstStepMs: number;
  /** Data steps (of every model) per timed repeat: at most one run (settings.steps). */
  stepsPerRepeat: number;
  /** One per repeat: models x steps / seconds, training only, each ending with a loss readback. */
  modelStepsPerSecond: number[];
  median: number;
}

export type BenchRequestBody = { type: 'probe' } | ({ type: 'train' } & TrainRequest) | ({ type: 'speed' } & SpeedRequest) | ({ type: 'batchedSpeed' } & BatchedSpeedRequest);
export type BenchRequest = BenchRequestBody & { id: number };

export type BenchResponse = { id: number; ok: true; result: WebGLProbe | TrainResult | SpeedResult | BatchedSpeedResult } | { id: number; ok: false; message: string };

export interface DiagnosticsApi {
  /** The backends this build can measure (BENCH_BACKENDS). */
  backends: readonly BenchBackend[];
  /** The settings a run starts from when a request changes nothing. */
  defaults: Settings;
  probe(): Promise<WebGLProbe>;
  train(request: TrainRequest): Promise<TrainResult>;
  speed(request: SpeedRequest): Promise<SpeedResult>;
  batchedSpeed(request: BatchedSpeedRequest): Promise<BatchedSpeedResult>;
}

declare global {
  interface Window {
    lotteryDiagnostics?: DiagnosticsApi;
  }
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
