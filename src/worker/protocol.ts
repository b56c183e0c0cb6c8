/**
 * The typed message protocol between the page and the training worker. Every message type is
 * in one of the two unions below.
 *
 *   page (store)                                   worker (session)
 *   ─────────────                                  ────────────────
 *   calibrations {records} ─────────────────────▶  (first, from every new worker's client) the page's kept
 *                                                   calibrations of `auto` (calibration.ts), any device's
 *   configure {settings, clauses?} ─────────────▶  activates the backend, builds task (the edited clauses, or the seed's), test set
 *                          ◀─────────────────────  calibrated {calibration} (auto only, once: this device's
 *                                                   kept one, or one measured now, which the page keeps)
 *                          ◀─────────────────────  configured {task, backend}, snapshots [step 0]
 *   remeasure              ─────────────────────▶  measures auto's calibration again ──▶ calibrated {measured};
 *                                                   an untouched auto run (step 0) restarts on the new choice,
 *                                                   a trained one keeps its backend until the next configure
 *   play | pause | step {n} | speed | reset ────▶  drives the playback state machine
 *                                                   (the whole table: playback.ts):
 *
 *        idle ──play──▶ running ──pause──▶ paused ──play──▶ running ──last step──▶ finished
 *          │  └─step n─▶ paused ◀──step n── paused                                   │
 *          └──────────────────── reset (from any state) ◀────────────────────────────┘
 *        any failure ──▶ failed (until the next configure or reset; the page answers a failed
 *                        progress by replacing the worker and restoring the run, see main.tsx)
 *
 *                          ◀─────────────────────  progress {playback, step, ...}   (≤ 30 per s)
 *                          ◀─────────────────────  snapshots {items, dropped?}  (batched; buffers
 *                                                   transferred; each with its feature-space frame;
 *                                                   dropped: older steps thinned to keep the cap)
 *                          ◀─────────────────────  analysis {analysis, final}  (with every batch)
 *                                                   The last item of each batch carries `resume`:
 *                                                   the optimizer state at its step, so the page
 *                                                   always holds what continues its newest snapshot
 *                          ◀─────────────────────  backendChanged {backend, message}: the WebGL
 *                                                   context was lost; training went back to the last
 *                                                   kept snapshot and continues on tfjs wasm (or cpu)
 *   restore {settings, snapshots, resume, ...} ─▶  rebuilds a run in a fresh worker (after a crash):
 *                          ◀─────────────────────  configured {restored: true}, analysis, progress
 *                                                   (not the snapshots: the page has them)
 *   ping                   ─────────────────────▶  the page's heartbeat, once a second (client.ts)
 *                          ◀─────────────────────  pong (at once; unasked, at least once a second,
 *                                                   during long synchronous work such as a long step)
 *   fault {kind}           ─────────────────────▶  diagnostics: loseContext | throw | exit | poolExit
 *   analyze {features}     ─────────────────────▶  re-reads every kept snapshot at new τ, τ_out, r
 *                          ◀─────────────────────  frames {items}, analysis  (no retraining)
 *                          ◀─────────────────────  labsRederived {every lab result and claim at the
 *                                                   new settings, from kept weights; no retraining}
 *   runSeeds {seeds}       ─────────────────────▶  (finished dense run only) trains the other seeds'
 *                                                   dense runs together, pools claims 1 and 2
 *                          ◀─────────────────────  seedsProgress, seedsResults {runs, claims}, seedsDone;
 *                                                   cancelSeeds stops it
 *   exportRun              ─────────────────────▶  writes the run file (SPEC 7)
 *                          ◀─────────────────────  runFile {text}
 *   importRun {text}       ─────────────────────▶  validates it whole; only then replaces the run:
 *                          ◀─────────────────────  configured {imported: true}, snapshots, analysis
 *                                                   or error {message} and the current run stays
 *   runLottery {settings}  ─────────────────────▶  (finished dense run only) prunes, rewinds, retrains
 *                          ◀─────────────────────  lotteryProgress (≤ 10 per s), lotteryResults {new
 *                                                   tickets, as each phase finishes}, lotteryDone
 *   cancelLottery          ─────────────────────▶  stops at once; finished phases' tickets are kept
 *   runComparison {settings} ───────────────────▶  (finished dense run only) every method's mask,
 *                          ◀─────────────────────  comparisonProgress, comparisonResults (per seed and
 *                                                   sparsity), comparisonDone; cancelComparison stops it
 *                          ◀─────────────────────  finished {step}
 *                          ◀─────────────────────  error {message}
 *
 * A snapshot travels as one Float32Array copy `[W1 (m*n) | b1 (m) | W2 (K*m) | b2 (K)]` whose
 * buffer is transferred, never the trainer's own memory (TOOLCHAIN trap 2). Optimizer state
 * travels as `[m | v]`, Adam's two moments each in that packed layout (empty for SGD).
 */
import type { BackendChoice, Settings } from '../settings/settings';
import type { Calibration } from './calibration';
import type { FeatureSettings, RunAnalysis } from '../engine/analysis/runAnalysis';
import type { DenseRun, LotteryProgress, LotterySettings, TicketResult } from '../engine/labs/lotteryExperiment';
import type { ComparisonProgress, ComparisonResult, ComparisonSettings } from '../engine/labs/probeComparison';
import type { LabClaims } from '../engine/claims/labClaimsOf';
import type { SeedClaims } from '../engine/labs/seedSweep';
import type { OptimizerState } from '../engine/trainers/trainer';
import type { Clause, Metrics, Task } from '../engine/core/types';
import { packedLength, packParams, unpackParams } from '../engine/core/params';

export type Playback = 'idle' | 'running' | 'paused' | 'finished' | 'failed';

export interface BackendInfo {
  /** What the settings asked for. */
  requested: BackendChoice;
  /** What trains: 'fused-js', 'fused-wasm', or tf.getBackend() as read in the worker. */
  active: string;
  /** What the labs train on (their batched trainers); absent = `active`. `auto` sets it to what it measured fastest for many models. */
  labs?: string;
  /** One sentence: why this backend is the one running. */
  reason: string;
  /** The WebGL renderer string in the worker, or null when WebGL is unavailable. */
  renderer: string | null;
  /** True when that renderer is a software rasterizer (SwiftShader, llvmpipe). */
  softwareWebGL: boolean | null;
}

/** `auto`'s calibration, and whether it was measured now or kept from before. */
export interface CalibrationInfo {
  result: Calibration;
  source: 'measured' | 'cached';
}

export type Command =
  /** `clauses`: the task's clauses as the user edited them (SPEC 2); absent = drawn from the task seed. */
  | { type: 'configure'; settings: Settings; clauses?: Clause[] }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; n: number }
  /** Target training speed in steps per second; null = as fast as the backend goes. */
  | { type: 'speed'; stepsPerSecond: number | null }
  | { type: 'reset' }
  /** Re-analyse the kept snapshots with new feature-space settings. */
  | { type: 'analyze'; features: FeatureSettings }
  /** `eps`: the ε the page judges the lottery's tickets by (SPEC 5), recorded in the file's config; sent when there are tickets. */
  | { type: 'exportRun'; eps?: number }
  | { type: 'importRun'; text: string }
  | { type: 'runLottery'; settings: LotterySettings }
  | { type: 'cancelLottery' }
  | { type: 'runComparison'; settings: ComparisonSettings }
  | { type: 'cancelComparison' }
  /** Claims across seeds (SPEC 8): `seeds` lists every seed to pool, the run's own first. */
  | { type: 'runSeeds'; seeds: number[] }
  | { type: 'cancelSeeds' }
  /** The page's kept calibrations of `auto` (calibration.ts); the worker uses the one of its device, checked. */
  | { type: 'calibrations'; records: readonly unknown[] }
  /** Measure auto's calibration again (the badge's re-measure). */
  | { type: 'remeasure' }
  /** The page's heartbeat; answered at once with a `pong` (outside the command queue), which the client swallows. */
  | { type: 'ping' }
  /**
   * Diagnostics: `loseContext` loses the tfjs webgl backend's GL context (an error event on any
   * other backend); `throw` makes the next training chunk throw; `exit` closes the worker at
   * once, with no message, as a crash would.
   */
  | { type: 'fault'; kind: FaultKind }
  /**
   * Rebuilds a run in a fresh worker from what the page holds: every snapshot (packed, as
   * received) and the optimizer state of the last one (`resume.data` packed [m | v], as a
   * snapshot's `resume`). `clauses`: the task's clauses (needed when they are not the task
   * seed's: an imported run, or one reset after import); absent = drawn from the seed. See
   * crashRestore.ts.
   */
  | {
      type: 'restore';
      settings: Settings;
      snapshots: { step: number; data: Float32Array }[];
      resume: { step: number; t: number; data: Float32Array } | null;
      imported: boolean;
      playback: Playback;
      clauses?: Clause[];
    };

/** `poolExit`: a busy pool worker of a running lab closes without a word (pool/workerPool.ts). */
export type FaultKind = 'loseContext' | 'throw' | 'exit' | 'poolExit';

/**
 * The worker's answer to `ping`, and its sign of life during long synchronous work (a long
 * `step`, a restore, an import), when pings wait unanswered. The client swallows it.
 */
export interface Pong {
  type: 'pong';
}

/** An optimizer state on the wire: Adam's t and its moments packed `[m | v]` (empty for SGD). */
export interface ResumeState {
  t: number;
  data: Float32Array;
}

/**
 * Where every code location sits at one snapshot (SPEC 4), index j * K + c:
 * `dTilde` the continuous distance, `d` the distance, `flags` bit 1 = code, bit 2 = inhibitory.
 */
export interface FeatureFrame {
  step: number;
  dTilde: Float32Array;
  d: Uint8Array;
  flags: Uint8Array;
}

export const CODE_FLAG = 1;
export const INHIBITORY_FLAG = 2;

export interface SnapshotMessage {
  step: number;
  /** [W1 | b1 | W2 | b2] as float32, see above. */
  data: Float32Array;
  /** Metrics on the fixed test set at this step. */
  metrics: Metrics;
  frame: FeatureFrame;
  /** The optimizer state at this step; only on the last item of a batch (its buffer transferred). */
  resume?: ResumeState;
}

export type WorkerEvent =
  /**
   * `imported`: the run came from a file; it is view-only until Reset retrains it.
   * `restored`: the answer to `restore`; the page keeps every snapshot, metric, frame and lab
   * result it has.
   */
  | { type: 'configured'; task: Task; backend: BackendInfo; settings: Settings; imported: boolean; restored?: boolean }
  /** The calibration `auto` chooses by: this device's kept one (`cached`), or one just `measured` (the page keeps it). */
  | { type: 'calibrated'; calibration: CalibrationInfo }
  /** Training moved to another backend (the WebGL context was lost); `message`: one sentence for the user. */
  | { type: 'backendChanged'; backend: BackendInfo; message: string }
  | { type: 'progress'; playback: Playback; step: number; stepsPerSecond: number; trainLoss: number }
  /**
   * New snapshots in step order, and `dropped`: steps sent earlier that the history has since
   * thinned away (runHistory.ts), which the page removes too, so its copy always equals the
   * worker's. The two never share a step.
   */
  | { type: 'snapshots'; items: SnapshotMessage[]; dropped?: number[] }
  | { type: 'finished'; step: number }
  /** The run's analysis as of its latest snapshot; `final` once the run has finished. */
  | { type: 'analysis'; analysis: RunAnalysis; final: boolean }
  /** Every kept snapshot's frame, recomputed after `analyze`. */
  | { type: 'frames'; items: FeatureFrame[] }
  | { type: 'runFile'; text: string }
  | { type: 'lotteryProgress'; progress: LotteryProgress; etaSeconds: number | null }
  /** Tickets of the phases finished since the last message, and every seed's dense run summary. */
  | { type: 'lotteryResults'; tickets: TicketResult[]; dense: Omit<DenseRun, 'init' | 'atRewind' | 'final'>[] }
  | { type: 'lotteryDone'; cancelled: boolean; message: string | null }
  | { type: 'comparisonProgress'; progress: ComparisonProgress; etaSeconds: number | null }
  | { type: 'comparisonResults'; results: ComparisonResult[]; dense: Omit<DenseRun, 'init' | 'atRewind' | 'final'>[] }
  | { type: 'comparisonDone'; cancelled: boolean; message: string | null }
  /** Claims 3-5 of each lab's results (null: none), at the current analysis settings; sent as a lab ends, just before its done event. */
  | { type: 'labClaims'; comparison: LabClaims | null; lottery: LabClaims | null }
  | { type: 'seedsProgress'; progress: { done: number; total: number; step: number; lastStep: number }; etaSeconds: number | null }
  | { type: 'seedsResults'; runs: RunSummary[]; claims: SeedClaims }
  | { type: 'seedsDone'; cancelled: boolean; message: string | null }
  /**
   * After `analyze`: every number that depends on τ, τ_out, r or the readout rule, re-derived
   * from kept weights at `features` (replacing what the page holds: nothing mixes thresholds).
   */
  | {
      type: 'labsRederived';
      features: FeatureSettings;
      tickets: TicketResult[];
      lotteryDense: RunSummary[];
      comparison: ComparisonResult[];
      comparisonDense: RunSummary[];
      seeds: SeedClaims | null;
      comparisonClaims: LabClaims | null;
      lotteryClaims: LabClaims | null;
    }
  | { type: 'error'; message: string };

/** What the page needs of a seed's dense run (no weights). */
export type RunSummary = Omit<DenseRun, 'init' | 'atRewind' | 'final'> & {
  /** [m][K]: d₀(j, c) of this seed's init at the current τ (absent for the run on show: its analysis has it). */
  d0?: number[][];
};

/** An optimizer state for the wire: its moments packed [m | v], in a fresh buffer. */
export function packResume(state: OptimizerState): ResumeState {
  const len = state.m.W1.length + state.m.b1.length + state.m.W2.length + state.m.b2.length;
  const data = new Float32Array(2 * len);
  packParams(state.m, data, 0);
  packParams(state.v, data, len);
  return { t: state.t, data };
}

/**
 * Reads a packed optimizer state (copies). Empty data = SGD's; otherwise it must hold two
 * packed parameter sets of this shape. Throws on any other length.
 */
export function unpackResume(r: ResumeState, n: number, m: number, K: number): OptimizerState {
  const len = packedLength(n, m, K);
  const empty = () => unpackParams(new Float32Array(0), 0, 0, 0);
  if (r.data.length === 0) return { t: r.t, m: empty(), v: empty() };
  if (r.data.length !== 2 * len) throw new Error(`The optimizer state has ${r.data.length} values; this model's needs ${2 * len}.`);
  const data = r.data.slice();
  return { t: r.t, m: unpackParams(data.subarray(0, len), n, m, K), v: unpackParams(data.subarray(len), n, m, K) };
}
