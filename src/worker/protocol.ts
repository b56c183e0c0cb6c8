/**
 * The typed message protocol between the page and the training worker. Every message type is
 * in one of the two unions below.
 *
 *   page (store)                                   worker (session)
 *   ─────────────                                  ────────────────
 *   configure {settings}   ─────────────────────▶  activates the backend, builds task, test set
 *                          ◀─────────────────────  configured {task, backend}, snapshots [step 0]
 *   play | pause | step {n} | speed | reset ────▶  drives the playback state machine:
 *
 *        idle ──play──▶ running ──pause──▶ paused ──play──▶ running ──last step──▶ finished
 *          │  └─step n─▶ paused ◀──step n── paused                                   │
 *          └──────────────────── reset (from any state) ◀────────────────────────────┘
 *        any failure ──▶ failed (until the next configure or reset)
 *
 *                          ◀─────────────────────  progress {playback, step, ...}   (≤ 30 per s)
 *                          ◀─────────────────────  snapshots {items}  (batched; buffers transferred)
 *                          ◀─────────────────────  finished {step}
 *                          ◀─────────────────────  error {message}
 *
 * A snapshot travels as one Float32Array copy `[W1 (m*n) | b1 (m) | W2 (K*m) | b2 (K)]` whose
 * buffer is transferred, never the trainer's own memory (TOOLCHAIN trap 2).
 */
import type { BackendChoice, Settings } from '../state/settings';
import type { Metrics, Task } from '../engine/types';

export type Playback = 'idle' | 'running' | 'paused' | 'finished' | 'failed';

export interface BackendInfo {
  /** What the settings asked for. */
  requested: BackendChoice;
  /** What trains: 'fused-js', 'fused-wasm', or tf.getBackend() as read in the worker. */
  active: string;
  /** One sentence: why this backend is the one running. */
  reason: string;
  /** The WebGL renderer string in the worker, or null when WebGL is unavailable. */
  renderer: string | null;
  /** True when that renderer is a software rasterizer (SwiftShader, llvmpipe). */
  softwareWebGL: boolean | null;
}

export type Command =
  | { type: 'configure'; settings: Settings }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; n: number }
  /** Target training speed in steps per second; null = as fast as the backend goes. */
  | { type: 'speed'; stepsPerSecond: number | null }
  | { type: 'reset' };

export interface SnapshotMessage {
  step: number;
  /** [W1 | b1 | W2 | b2] as float32, see above. */
  data: Float32Array;
  /** Metrics on the fixed test set at this step. */
  metrics: Metrics;
}

export type WorkerEvent =
  | { type: 'configured'; task: Task; backend: BackendInfo; settings: Settings }
  | { type: 'progress'; playback: Playback; step: number; stepsPerSecond: number; trainLoss: number }
  | { type: 'snapshots'; items: SnapshotMessage[] }
  | { type: 'finished'; step: number }
  | { type: 'error'; message: string };

/** Splits a packed snapshot into views (no copy). */
export function unpackParams(data: Float32Array, n: number, m: number, K: number) {
  let o = 0;
  const take = (len: number) => data.subarray(o, (o += len));
  return { W1: take(m * n), b1: take(m), W2: take(K * m), b2: take(K) };
}

export function packedLength(n: number, m: number, K: number): number {
  return m * n + m + K * m + K;
}
