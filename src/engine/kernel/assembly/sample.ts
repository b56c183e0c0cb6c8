/**
 * The training data stream, ported from prng.ts and task.ts so a batch never leaves wasm, and
 * drawn four batches at a time: one per i32x4 lane, each lane its own (data seed, step) stream.
 *
 * Batch t is drawn from sfc32 seeded with mixSeed(dataSeed, 0xda7a, t) through splitmix32,
 * exactly as `batchRng` does; a sample draws n bits (x_i = 1 iff u < p), then one draw per
 * clause in order (plant its literals iff u < q), then labels itself. `u < p` with
 * u = t / 2^32 (t the uint32 draw) holds iff t < ceil(p * 2^32), an unsigned compare (with
 * ceil(p * 2^32) = 2^32, p = 1, always true). wasmKernel.test.ts checks lane 0's bits against
 * `trainingBatch`, batchedWasmTrainer.test.ts every lane's.
 *
 * sfc32 is a serial recurrence, so one batch cannot be drawn faster; four independent streams
 * in the four lanes of one vector cost about what one stream costs in scalar code. A sample's
 * bits are four u32 words per lane (n <= 128), so planting and labelling a clause is a mask
 * and a compare, with no branch on random data.
 *
 * Output, per lane l (layout.ts): the active inputs of each sample as row byte offsets
 * (i * mp * 4, ascending) [B][n], their count [B], and the labels as f32 0/1 [B][Kp].
 */
import { B, clauseInputs, clauseMasks, clauseSigns, K, Kp, laneActive, laneCounts, laneLabels, laneSeeds, laneSteps, lits, mp, n, xWords } from './layout';

const GOLDEN: u32 = 0x9e3779b9;
const LANES = 4;

/** ceil(p * 2^32) and ceil(q * 2^32) as u32, with an all-ones "always" flag for 2^32. */
let pCeil: u32 = 0;
let pAlways: u32 = 0;
let qCeil: u32 = 0;
let qAlways: u32 = 0;

/** Sets the task's probabilities, and turns the clauses (written by JS) into masks. */
export function prepareSampling(p: f64, q: f64): void {
  const pc = <u64>Math.ceil(p * 4294967296.0);
  const qc = <u64>Math.ceil(q * 4294967296.0);
  pAlways = pc >= 0x100000000 ? 0xffffffff : 0;
  pCeil = <u32>pc;
  qAlways = qc >= 0x100000000 ? 0xffffffff : 0;
  qCeil = <u32>qc;
  const k = lits;
  // Per clause [K]: mask words 0..3 then wanted-bit words 0..3 (u32, input i is bit i & 31 of word i >> 5).
  memory.fill(clauseMasks, 0, <usize>K << 5);
  for (let c = 0; c < K; c++) {
    const row = clauseMasks + (<usize>c << 5);
    for (let l = 0; l < k; l++) {
      const at = <usize>(c * k + l);
      const i = load<i32>(clauseInputs + (at << 2));
      const want = <u32>load<u8>(clauseSigns + at);
      const word = row + (<usize>(i >> 5) << 2);
      store<u32>(word, load<u32>(word) | ((<u32>1) << <u32>(i & 31)));
      store<u32>(word, load<u32>(word, 16) | (want << <u32>(i & 31)), 16);
    }
  }
}

@inline
function splitmix32(state: u32): u32 {
  let z = state + GOLDEN;
  z = (z ^ (z >>> 16)) * 0x85ebca6b;
  z = (z ^ (z >>> 13)) * 0xc2b2ae35;
  return z ^ (z >>> 16);
}

/** sfc32's state for new Prng(mixSeed(seed, 0xda7a, step)), after its 12 warm-up draws, at `out` [a, b, c, d]. */
function seedStream(seed: u32, step: u32, out: usize): void {
  let h: u32 = 0x6a09e667;
  h = splitmix32(h ^ seed);
  h = splitmix32(h ^ 0xda7a);
  h = splitmix32(h ^ step);
  let a = splitmix32(h);
  let b = splitmix32(h + GOLDEN);
  let c = splitmix32(h + GOLDEN + GOLDEN);
  let d: u32 = 1;
  for (let i = 0; i < 12; i++) {
    const t = a + b + d;
    d += 1;
    a = b ^ (b >>> 9);
    b = c + (c << 3);
    c = rotl<u32>(c, 21) + t;
  }
  store<u32>(out, a);
  store<u32>(out + 16, b);
  store<u32>(out + 32, c);
  store<u32>(out + 48, d);
}

/**
 * Draws the B samples of lane l's stream (laneSeeds[l], laneSteps[l]) for l < 4 into lane l's
 * buffers; lanes >= `used` are drawn but not listed (their labels are written, and unused).
 */
export function drawLanes(used: i32): void {
  // The four lanes' states, seeded in scalar code, land as [a0..a3], [b0..b3], [c0..c3], [d0..d3].
  for (let l = 0; l < LANES; l++) seedStream(load<u32>(laneSeeds + (<usize>l << 2)), load<u32>(laneSteps + (<usize>l << 2)), xWords + (<usize>l << 2));
  let a = v128.load(xWords);
  let b = v128.load(xWords, 16);
  let c = v128.load(xWords, 32);
  let d = v128.load(xWords, 48);
  const one = i32x4.splat(1);
  const pC = i32x4.splat(pCeil);
  const pA = i32x4.splat(pAlways);
  const qC = i32x4.splat(qCeil);
  const qA = i32x4.splat(qAlways);
  const nn = n;
  const wide = nn > 32;
  const rowBytes = <u32>mp << 2;
  const end = clauseMasks + (<usize>K << 5);
  for (let s = 0; s < B; s++) {
    // n bits, word by word: x_i = 1 iff t < ceil(p 2^32).
    let x0 = i32x4.splat(0);
    let x1 = x0;
    let x2 = x0;
    let x3 = x0;
    for (let w = 0; w << 5 < nn; w++) {
      let word = i32x4.splat(0);
      let bit = one;
      const bits = min(32, nn - (w << 5));
      for (let i = 0; i < bits; i++) {
        const t = i32x4.add(i32x4.add(a, b), d);
        d = i32x4.add(d, one);
        a = v128.xor(b, i32x4.shr_u(b, 9));
        b = i32x4.add(c, i32x4.shl(c, 3));
        c = i32x4.add(v128.or(i32x4.shl(c, 21), i32x4.shr_u(c, 11)), t);
        word = v128.or(word, v128.and(v128.or(i32x4.lt_u(t, pC), pA), bit));
        bit = i32x4.shl(bit, 1);
      }
      if (w == 0) x0 = word;
      else if (w == 1) x1 = word;
      else if (w == 2) x2 = word;
      else x3 = word;
    }
    // Planting overwrites a clause's inputs with its template; later clauses win, as in task.ts.
    for (let row = clauseMasks; row < end; row += 32) {
      const t = i32x4.add(i32x4.add(a, b), d);
      d = i32x4.add(d, one);
      a = v128.xor(b, i32x4.shr_u(b, 9));
      b = i32x4.add(c, i32x4.shl(c, 3));
      c = i32x4.add(v128.or(i32x4.shl(c, 21), i32x4.shr_u(c, 11)), t);
      const plant = v128.or(i32x4.lt_u(t, qC), qA);
      x0 = v128.bitselect(v128.load32_splat(row, 16), x0, v128.and(v128.load32_splat(row), plant));
      if (wide) {
        x1 = v128.bitselect(v128.load32_splat(row, 20), x1, v128.and(v128.load32_splat(row, 4), plant));
        x2 = v128.bitselect(v128.load32_splat(row, 24), x2, v128.and(v128.load32_splat(row, 8), plant));
        x3 = v128.bitselect(v128.load32_splat(row, 28), x3, v128.and(v128.load32_splat(row, 12), plant));
      }
    }
    storeLabels(s, x0, x1, x2, x3, wide);
    v128.store(xWords, x0);
    v128.store(xWords, x1, 16);
    v128.store(xWords, x2, 32);
    v128.store(xWords, x3, 48);
    for (let l = 0; l < used; l++) listActive(l, s, rowBytes);
  }
}

/** y_c = 1 iff every literal of clause c holds: labels of sample s for every lane, as f32 0/1, pad clauses 0. */
@inline
function storeLabels(s: i32, x0: v128, x1: v128, x2: v128, x3: v128, wide: bool): void {
  const yOne = f32x4.splat(1);
  const at = <usize>s * (<usize>Kp << 2);
  for (let c = 0; c < Kp; c += 4) {
    // h_j: clause c+j's label in each lane; then transpose so each lane's four clauses are one vector.
    const h0 = clauseHolds(c, x0, x1, x2, x3, wide);
    const h1 = clauseHolds(c + 1, x0, x1, x2, x3, wide);
    const h2 = clauseHolds(c + 2, x0, x1, x2, x3, wide);
    const h3 = clauseHolds(c + 3, x0, x1, x2, x3, wide);
    const lo01 = i32x4.shuffle(h0, h1, 0, 4, 1, 5);
    const hi01 = i32x4.shuffle(h0, h1, 2, 6, 3, 7);
    const lo23 = i32x4.shuffle(h2, h3, 0, 4, 1, 5);
    const hi23 = i32x4.shuffle(h2, h3, 2, 6, 3, 7);
    const off = at + (<usize>c << 2);
    v128.store(laneLabels(0) + off, v128.and(i64x2.shuffle(lo01, lo23, 0, 2), yOne));
    v128.store(laneLabels(1) + off, v128.and(i64x2.shuffle(lo01, lo23, 1, 3), yOne));
    v128.store(laneLabels(2) + off, v128.and(i64x2.shuffle(hi01, hi23, 0, 2), yOne));
    v128.store(laneLabels(3) + off, v128.and(i64x2.shuffle(hi01, hi23, 1, 3), yOne));
  }
}

/** All-ones lanes where clause c holds on the sample's words (all zero for a pad clause c >= K). */
@inline
function clauseHolds(c: i32, x0: v128, x1: v128, x2: v128, x3: v128, wide: bool): v128 {
  if (c >= K) return i32x4.splat(0);
  const row = clauseMasks + (<usize>c << 5);
  let holds = i32x4.eq(v128.and(x0, v128.load32_splat(row)), v128.load32_splat(row, 16));
  if (wide) {
    holds = v128.and(holds, i32x4.eq(v128.and(x1, v128.load32_splat(row, 4)), v128.load32_splat(row, 20)));
    holds = v128.and(holds, i32x4.eq(v128.and(x2, v128.load32_splat(row, 8)), v128.load32_splat(row, 24)));
    holds = v128.and(holds, i32x4.eq(v128.and(x3, v128.load32_splat(row, 12)), v128.load32_splat(row, 28)));
  }
  return holds;
}

/** Lane l's sample s: its active inputs (from the words at xWords) as row byte offsets, ascending, and their count. */
@inline
function listActive(l: i32, s: i32, rowBytes: u32): void {
  const out = laneActive(l) + <usize>s * (<usize>n << 2);
  let count: usize = 0;
  for (let w = 0; w << 5 < n; w++) {
    let word = load<u32>(xWords + (<usize>w << 4) + (<usize>l << 2));
    const base = <u32>(w << 5);
    while (word != 0) {
      store<u32>(out + (count << 2), (base + ctz<u32>(word)) * rowBytes);
      count++;
      word &= word - 1;
    }
  }
  store<u32>(laneCounts(l) + (<usize>s << 2), <u32>count);
}
