/**
 * The hard limits: what one run or one lab may ask of a browser tab, with the estimates behind
 * them. The page checks them as settings are typed; the worker checks them again on every
 * configure and lab request (isValidSettings; labSchema.ts's lotteryProblem and
 * comparisonProblem), so a page that were bypassed still cannot start work beyond them.
 * README.md's "Reliability" lists these numbers.
 *
 * Memory has three parts, each bounded on its own:
 *   - the snapshot history: at most `snapshotCap(shape)` snapshots per side (page and worker),
 *     about SNAPSHOT_BUDGET_BYTES; a longer run is thinned (worker/runHistory.ts);
 *   - one dense run's fixed parts (test set, trainer): small at every legal setting (a unit test
 *     checks the worst combination against RUN_MEMORY_BUDGET_BYTES);
 *   - a lab's networks trained at once: LAB_MEMORY_BUDGET_BYTES, checked per request.
 * Time is bounded as work: multiply-adds of forward passes (batch × (n·m + m·K) per step),
 * which is what a step's cost grows with on every backend.
 */
import { comparisonPlan, lotteryPlan, type LabPlan } from '../engine/labs/labPlan';
import { TEST_SET_SIZE } from '../engine/core/task';
import type { Shape } from '../engine/core/types';
import { packedLength } from '../engine/core/params';

/** The settings a run's size depends on (a subset of Settings, named here so that the schema can import the limits). */
export interface RunSize {
  n: number;
  m: number;
  K: number;
  batch: number;
  steps: number;
  snapshotEvery: number;
}

const MiB = 2 ** 20;

/** The most snapshots a run keeps, whatever its size. */
export const MAX_SNAPSHOTS = 5000;
/** Memory for one side's snapshot history (the worker's, or the page's copy). */
export const SNAPSHOT_BUDGET_BYTES = 64 * MiB;
/** The cap never goes below this, so even the largest model keeps a readable timeline. */
export const MIN_SNAPSHOT_CAP = 200;
/** JS objects around one snapshot's typed arrays (metrics row, timeline point, array headers). */
const SNAPSHOT_OBJECT_BYTES = 1024;

/** Most multiply-adds one dense run may do: training steps plus scoring its snapshots. */
export const MAX_RUN_WORK = 1e12;
/** Worst legal dense run (every setting at its maximum): test set, trainer and snapshots. */
export const RUN_MEMORY_BUDGET_BYTES = 256 * MiB;

/** Most seeds, and most sparsities, one lab request may ask for (the forms offer at most these). */
export const MAX_LAB_SEEDS = 5;
export const MAX_LAB_SPARSITIES = 5;
/** Working memory of the networks one lab phase trains at once. */
export const LAB_MEMORY_BUDGET_BYTES = 256 * MiB;
/** Most multiply-adds one lab may do (about ten dense runs at MAX_RUN_WORK). */
export const MAX_LAB_WORK = 1e13;

/** Parameters of one network: W1, b1, W2, b2 (a packed snapshot's length). */
function paramCount({ n, m, K }: Shape): number {
  return packedLength(n, m, K);
}

/** Multiply-adds of one sample's forward pass. */
function forwardWork({ n, m, K }: Shape): number {
  return n * m + m * K;
}

/**
 * Bytes one kept snapshot holds on the side that holds more: the worker keeps its parameters
 * (4 bytes each) and its feature-space reading (8 bytes per location: d̃, d, code, inhibitory,
 * readout); the page keeps the same parameters and a 6-byte frame per location.
 */
export function snapshotBytes(shape: Shape): number {
  return 4 * paramCount(shape) + 8 * shape.m * shape.K + SNAPSHOT_OBJECT_BYTES;
}

/** The most snapshots a run of this shape keeps: min(MAX_SNAPSHOTS, budget / bytes), at least MIN_SNAPSHOT_CAP. */
export function snapshotCap(shape: Shape): number {
  return Math.max(MIN_SNAPSHOT_CAP, Math.min(MAX_SNAPSHOTS, Math.floor(SNAPSHOT_BUDGET_BYTES / snapshotBytes(shape))));
}

/**
 * An upper bound on the snapshots an uninterrupted run scores on the test set. Without
 * thinning that is one per `snapshotEvery` steps; once the cap is reached, each thinning halves
 * the history and doubles the stride, so each doubling of the run adds about cap / 2 more.
 */
export function snapshotsScored(steps: number, snapshotEvery: number, cap: number): number {
  const plain = Math.floor(steps / snapshotEvery) + 1;
  if (plain <= cap) return plain + 1;
  const doublings = Math.ceil(Math.log2(plain / cap));
  return Math.min(plain, cap + Math.ceil(cap / 2) * doublings) + 1;
}

function shapeOf(s: RunSize): Shape {
  return { n: s.n, m: s.m, K: s.K };
}

/** Multiply-adds of one dense run: every training step's batch and every scored snapshot's test set. */
export function runWork(s: RunSize): number {
  const shape = shapeOf(s);
  const scored = snapshotsScored(s.steps, s.snapshotEvery, snapshotCap(shape));
  return (s.steps * s.batch + scored * TEST_SET_SIZE) * forwardWork(shape);
}

/** The most steps that keep `s` within MAX_RUN_WORK (0 if none). */
export function maxStepsWithin(s: RunSize): number {
  let lo = 0;
  let hi = s.steps;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (runWork({ ...s, steps: mid }) <= MAX_RUN_WORK) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Working memory of one network in training, on the hungriest trainer (tfjs, which keeps
 * every activation for autograd): parameters, gradient and two Adam moments (16 bytes per
 * parameter), and per sample its inputs and labels plus four activations per hidden row and
 * per output.
 */
export function trainingBytes(shape: Shape, batch: number): number {
  return 16 * paramCount(shape) + 4 * batch * (shape.n + 4 * shape.m + 5 * shape.K);
}

/** One dense run's memory on the worker's side: test set, trainer and a full snapshot history. */
export function runMemoryBytes(s: RunSize): number {
  const shape = shapeOf(s);
  // Test set as float32 inputs and labels, plus the evaluator's index of active inputs.
  const testSet = TEST_SET_SIZE * (4 * (s.n + s.K) + 4 * s.n);
  return testSet + trainingBytes(shape, s.batch) + snapshotCap(shape) * snapshotBytes(shape);
}

/** "1.2 trillion": work in words. */
export function trillions(work: number): string {
  return `${(work / 1e12).toPrecision(2)} trillion`;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / MiB)} MiB`;
}

/** Why a lab of this plan may not run here (memory, then work), or null. `what` names its choices to cut. */
function planProblem(s: RunSize, plan: LabPlan, what: string): string | null {
  const shape = shapeOf(s);
  const memory = plan.modelsAtOnce * trainingBytes(shape, s.batch);
  if (memory > LAB_MEMORY_BUDGET_BYTES) {
    return `This would train ${plan.modelsAtOnce} networks at once (about ${mib(memory)} at batch ${s.batch}), over the lab's ${mib(LAB_MEMORY_BUDGET_BYTES)}: choose ${what}.`;
  }
  const work = plan.modelSteps * s.batch * forwardWork(shape);
  if (work > MAX_LAB_WORK) {
    return `This would train ${plan.modelSteps.toLocaleString('en-US')} model-steps (${trillions(work)} multiply-adds), over the lab limit of ${trillions(MAX_LAB_WORK)}: choose ${what}, or train a shorter dense run (Steps).`;
  }
  return null;
}

/** The lottery request's size against the limits; null when it fits. */
export function lotteryLimitProblem(s: RunSize, l: { mode: 'oneshot' | 'imp'; sparsities: readonly number[]; rewindStep: number; seeds: readonly number[] }): string | null {
  const fewer = l.mode === 'oneshot' ? 'fewer seeds or sparsities (one-shot trains every sparsity at once; IMP one at a time)' : 'fewer seeds or sparsities';
  return planProblem(s, lotteryPlan(shapeOf(s), s.steps, l), fewer);
}

/** The comparison request's size against the limits; null when it fits. */
export function comparisonLimitProblem(s: RunSize, c: { methods: readonly string[]; sparsities: readonly number[]; seeds: readonly number[] }): string | null {
  return planProblem(s, comparisonPlan(shapeOf(s), s.steps, c), 'fewer methods, sparsities or seeds');
}
