/**
 * Clause-structured Boolean data (SPEC 2).
 *
 * Draw order is part of the contract (same seeds, same bits everywhere):
 *  - clauses, from the task seed: for each clause, k distinct inputs by a partial
 *    Fisher-Yates shuffle, then k template signs;
 *  - a sample: n bits (`x_i = 1` iff u < p), then for each clause in index order one draw
 *    (plant iff u < q), planting overwrites the clause's inputs with its template;
 *  - training batch t comes from its own stream seeded by (data seed, t), so batch t can be
 *    made without making batches 0..t-1 (retraining from a rewind step needs that).
 */
import { mixSeed, Prng } from './prng';
import type { Batch, Clause, Task, TaskConfig } from './types';

/** Size of the fixed test set (SPEC 2). */
export const TEST_SET_SIZE = 8192;

export function generateTask(config: TaskConfig, taskSeed: number): Task {
  const { n, K, k } = config;
  if (k > n) throw new Error(`k (${k}) must not exceed n (${n})`);
  const rng = new Prng(mixSeed(taskSeed, 0x7a5c));
  const clauses: Clause[] = [];
  const pool = new Int32Array(n);
  for (let c = 0; c < K; c++) {
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let l = 0; l < k; l++) {
      const r = l + rng.int(n - l);
      const t = pool[l];
      pool[l] = pool[r];
      pool[r] = t;
    }
    const chosen = Array.from(pool.subarray(0, k));
    const template = chosen.map(() => (rng.nextUint32() & 1 ? 1 : -1));
    // Present inputs ascending, keeping each input's sign with it.
    const order = chosen.map((_, l) => l).sort((a, b) => chosen[a] - chosen[b]);
    clauses.push({ inputs: order.map((l) => chosen[l]), template: order.map((l) => template[l]) });
  }
  return { config: { ...config }, clauses };
}

/** Fills `size` samples drawn from `rng` into a new batch. */
export function sampleBatch(task: Task, size: number, rng: Prng): Batch {
  const batch = { size, x: new Float32Array(size * task.config.n), y: new Float32Array(size * task.config.K) };
  sampleBatchInto(task, rng, batch, new Float64Array(size * (task.config.n + task.config.K)));
  return batch;
}

/**
 * Overwrites `out` (its size, x and y) with samples drawn from `rng`; `draws` is scratch of
 * length >= size * (n + K). Hot path of training: no allocation.
 */
export function sampleBatchInto(task: Task, rng: Prng, out: Batch, draws: Float64Array): void {
  const { n, K, p, q } = task.config;
  const { size, x, y } = out;
  const clauses = task.clauses;
  rng.fillFloats(draws, size * (n + K));
  let u = 0;
  for (let s = 0; s < size; s++) {
    const off = s * n;
    for (let i = 0; i < n; i++) x[off + i] = draws[u++] < p ? 1 : 0;
    for (let c = 0; c < K; c++) {
      if (draws[u++] < q) {
        const { inputs, template } = clauses[c];
        for (let l = 0; l < inputs.length; l++) x[off + inputs[l]] = template[l] > 0 ? 1 : 0;
      }
    }
    labelSample(clauses, x, off, y, s * K);
  }
}

/** y_c = 1 iff every literal of clause c holds on the sample at x[off..off+n). */
function labelSample(clauses: Clause[], x: Float32Array, off: number, y: Float32Array, yOff: number): void {
  for (let c = 0; c < clauses.length; c++) {
    const { inputs, template } = clauses[c];
    let holds = 1;
    for (let l = 0; l < inputs.length; l++) {
      const bit = x[off + inputs[l]];
      if ((template[l] > 0 ? bit : 1 - bit) === 0) {
        holds = 0;
        break;
      }
    }
    y[yOff + c] = holds;
  }
}

/** The generator of training batch number `t` (0-based) of a run. */
export function batchRng(dataSeed: number, t: number): Prng {
  return new Prng(mixSeed(dataSeed, 0xda7a, t));
}

/** Training batch number `t` of the run: a pure function of (task, size, seed, t). */
export function trainingBatch(task: Task, size: number, dataSeed: number, t: number): Batch {
  return sampleBatch(task, size, batchRng(dataSeed, t));
}

/** Reusable buffers for drawing training batches without allocation. */
export class BatchStream {
  readonly batch: Batch;
  private readonly draws: Float64Array;
  constructor(
    private readonly task: Task,
    size: number,
    private readonly dataSeed: number,
  ) {
    const { n, K } = task.config;
    this.batch = { size, x: new Float32Array(size * n), y: new Float32Array(size * K) };
    this.draws = new Float64Array(size * (n + K));
  }
  /** Batch number t, written into `this.batch` (valid until the next call). */
  at(t: number): Batch {
    sampleBatchInto(this.task, batchRng(this.dataSeed, t), this.batch, this.draws);
    return this.batch;
  }
}

/** The fixed test set (SPEC 2: 8192 samples, same distribution, its own seed). */
export function testSet(task: Task, testSeed: number, size = TEST_SET_SIZE): Batch {
  return sampleBatch(task, size, new Prng(mixSeed(testSeed, 0x7e57)));
}

/** Human-readable clause, e.g. "x3 ∧ ¬x7 ∧ x12". */
export function clauseText(clause: Clause): string {
  return clause.inputs.map((i, l) => `${clause.template[l] > 0 ? '' : '¬'}x${i}`).join(' ∧ ');
}
