/**
 * The training data stream, ported from prng.ts and task.ts so a batch never leaves wasm.
 *
 * Batch t is drawn from sfc32 seeded with mixSeed(dataSeed, 0xda7a, t) through splitmix32,
 * exactly as `batchRng` does; a sample draws n bits (x_i = 1 iff u < p), then one draw per
 * clause in order (plant its literals iff u < q), then labels itself. `u < p` with
 * u = t / 2^32 (t the uint32 draw) holds iff t < ceil(p * 2^32), an integer compare done as the
 * sign of t - ceil(p * 2^32) in 64 bits. wasmKernel.test.ts checks the bits against
 * `trainingBatch`.
 *
 * A sample's bits are two u64 words (n <= 128), so planting and labelling a clause is a mask
 * and a compare, with no branch on random data.
 */
import { clauseInputs, clauseMasks, clauseSigns, K, labels, lits, n } from './layout';

const GOLDEN: u32 = 0x9e3779b9;

let pCeil: u64 = 0;
let qCeil: u64 = 0;
let dataSeed: u32 = 0;
// sfc32 state between samples.
let ra: u32 = 0;
let rb: u32 = 0;
let rc: u32 = 0;
let rd: u32 = 0;
/** The current sample's bits: inputs 0..63 and 64..127. */
export let xLo: u64 = 0;
export let xHi: u64 = 0;

/** Sets the task's probabilities and the data seed, and turns the clauses (written by JS) into masks. */
export function setSampling(p: f64, q: f64, seed: u32): void {
  pCeil = <u64>Math.ceil(p * 4294967296.0);
  qCeil = <u64>Math.ceil(q * 4294967296.0);
  dataSeed = seed;
  const k = lits;
  for (let c = 0; c < K; c++) {
    let maskLo: u64 = 0;
    let maskHi: u64 = 0;
    let wantLo: u64 = 0;
    let wantHi: u64 = 0;
    for (let l = 0; l < k; l++) {
      const at = <usize>(c * k + l);
      const i = load<i32>(clauseInputs + (at << 2));
      const want = <u64>load<u8>(clauseSigns + at);
      if (i < 64) {
        maskLo |= (<u64>1) << <u64>i;
        wantLo |= want << <u64>i;
      } else {
        maskHi |= (<u64>1) << <u64>(i - 64);
        wantHi |= want << <u64>(i - 64);
      }
    }
    const row = clauseMasks + (<usize>c << 5);
    store<u64>(row, maskLo);
    store<u64>(row, maskHi, 8);
    store<u64>(row, wantLo, 16);
    store<u64>(row, wantHi, 24);
  }
}

@inline
function splitmix32(state: u32): u32 {
  let z = state + GOLDEN;
  z = (z ^ (z >>> 16)) * 0x85ebca6b;
  z = (z ^ (z >>> 13)) * 0xc2b2ae35;
  return z ^ (z >>> 16);
}

/** Seeds the generator of training batch `step`: new Prng(mixSeed(dataSeed, 0xda7a, step)). */
export function seedBatch(step: u32): void {
  let h: u32 = 0x6a09e667;
  h = splitmix32(h ^ dataSeed);
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
  ra = a;
  rb = b;
  rc = c;
  rd = d;
}

/** Draws the next sample: its bits into xLo/xHi and its labels (0/1 as f32) into `labels` [K]. */
@inline
export function drawSample(): void {
  const nn = n;
  const KK = K;
  const pC = pCeil;
  const qC = qCeil;
  let a = ra;
  let b = rb;
  let c = rc;
  let d = rd;
  let lo: u64 = 0;
  let hi: u64 = 0;
  let bit: u64 = 1;
  const nLo = min(nn, 64);
  for (let i = 0; i < nLo; i++) {
    const t = a + b + d;
    d += 1;
    a = b ^ (b >>> 9);
    b = c + (c << 3);
    c = rotl<u32>(c, 21) + t;
    lo |= <u64>(<i64>(<u64>t - pC) >> 63) & bit;
    bit <<= 1;
  }
  bit = 1;
  for (let i = 64; i < nn; i++) {
    const t = a + b + d;
    d += 1;
    a = b ^ (b >>> 9);
    b = c + (c << 3);
    c = rotl<u32>(c, 21) + t;
    hi |= <u64>(<i64>(<u64>t - pC) >> 63) & bit;
    bit <<= 1;
  }
  // Planting overwrites a clause's inputs with its template; later clauses win, as in task.ts.
  let row = clauseMasks;
  const end = row + (<usize>KK << 5);
  if (nn <= 64) {
    while (row < end) {
      const t = a + b + d;
      d += 1;
      a = b ^ (b >>> 9);
      b = c + (c << 3);
      c = rotl<u32>(c, 21) + t;
      const plant = <u64>(<i64>(<u64>t - qC) >> 63);
      lo = (lo & ~(load<u64>(row) & plant)) | (load<u64>(row, 16) & plant);
      row += 32;
    }
  } else {
    while (row < end) {
      const t = a + b + d;
      d += 1;
      a = b ^ (b >>> 9);
      b = c + (c << 3);
      c = rotl<u32>(c, 21) + t;
      const plant = <u64>(<i64>(<u64>t - qC) >> 63);
      lo = (lo & ~(load<u64>(row) & plant)) | (load<u64>(row, 16) & plant);
      hi = (hi & ~(load<u64>(row, 8) & plant)) | (load<u64>(row, 24) & plant);
      row += 32;
    }
  }
  ra = a;
  rb = b;
  rc = c;
  rd = d;
  xLo = lo;
  xHi = hi;
  // y_c = 1 iff every literal of clause c holds.
  row = clauseMasks;
  let y = labels;
  while (row < end) {
    const holds = ((lo & load<u64>(row)) == load<u64>(row, 16)) & ((hi & load<u64>(row, 8)) == load<u64>(row, 24));
    store<f32>(y, <f32>holds);
    row += 32;
    y += 4;
  }
}
