/**
 * Sizes and the byte layout of the kernel's linear memory, set once per instance by `setup`.
 *
 * Rows are padded to whole f32x4 vectors: mp = m rounded up to 4, Kp = K rounded up to 4.
 * The four parameter tensors lie back to back in one block of P = n*mp + mp + Kp*mp + Kp floats:
 *
 *   W1T [n][mp]   W1 transposed: input i's weights into every hidden row are contiguous,
 *   b1  [mp]      so an active input (x_i = 1) adds one contiguous row of vectors
 *   W2  [Kp][mp]  clauses in groups of 4, so their logits form one f32x4
 *   b2  [Kp]
 *
 * The gradient, both Adam moments and the keep mask repeat that layout, so one loop over P
 * updates every parameter. Keep lanes are all-ones (kept) or zero (pruned, and every pad lane).
 */

/** Inputs, hidden rows, hidden rows padded to 4, clauses, clauses padded to 4, literals, batch. */
export let n = 0;
export let m = 0;
export let mp = 0;
export let K = 0;
export let Kp = 0;
export let lits = 0;
export let B = 0;
/** Floats in one parameter-shaped block. */
export let P = 0;

// Byte offsets of each region.
export let params: usize = 0;
export let grads: usize = 0;
export let moment1: usize = 0;
export let moment2: usize = 0;
export let keep: usize = 0;
/** Per-sample scratch: hidden activations [mp], their gradient [mp], logits then dL/dz [Kp], labels [Kp]. */
export let hidden: usize = 0;
export let dHidden: usize = 0;
export let dOut: usize = 0;
export let labels: usize = 0;
/** Byte offsets (i * mp * 4) of the active inputs of the current sample [n]. */
export let active: usize = 0;
/** Clause c's literal l: input index [K][k] (i32) and wanted bit [K][k] (u8), written by JS. */
export let clauseInputs: usize = 0;
export let clauseSigns: usize = 0;
/** The same clauses as bit masks over the inputs [K][4] (u64): mask lo, mask hi, want lo, want hi. */
export let clauseMasks: usize = 0;
/** A whole batch's bits for checking the sampler: x [B][n] then y [B][K], as bytes. */
export let batchOut: usize = 0;

@inline
function align16(at: usize): usize {
  return (at + 15) & ~(<usize>15);
}

/** Sets the sizes, grows memory to fit, zeroes everything and marks every real lane kept. */
export function setup(n_: i32, m_: i32, K_: i32, k_: i32, B_: i32): bool {
  n = n_;
  m = m_;
  mp = (m_ + 3) & ~3;
  K = K_;
  Kp = (K_ + 3) & ~3;
  lits = k_;
  B = B_;
  P = n * mp + mp + Kp * mp + Kp;
  const block = <usize>P << 2;
  let at = align16(__heap_base);
  params = at;
  at += block;
  grads = at;
  at += block;
  moment1 = at;
  at += block;
  moment2 = at;
  at += block;
  keep = at;
  at += block;
  hidden = at;
  at += <usize>mp << 2;
  dHidden = at;
  at += <usize>mp << 2;
  dOut = at;
  at += <usize>Kp << 2;
  labels = at;
  at += <usize>Kp << 2;
  active = at;
  at = align16(at + (<usize>n << 2));
  clauseInputs = at;
  at = align16(at + (<usize>(K * k_) << 2));
  clauseSigns = at;
  at = align16(at + <usize>(K * k_));
  clauseMasks = at;
  at += <usize>K << 5;
  batchOut = at;
  at = align16(at + <usize>(B * (n + K)));
  const pages = <i32>((at + 0xffff) >>> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) return false;
  memory.fill(params, 0, at - params);
  const rowBytes = <usize>mp << 2;
  for (let r = 0; r < n + 1 + K; r++) markKept(keep + <usize>r * rowBytes, m);
  markKept(keep + <usize>(n + 1 + Kp) * rowBytes, K);
  return true;
}

/** Byte offsets of b1, W2 and b2 inside a parameter-shaped block that starts at `block` (W1T). */
@inline
export function b1In(block: usize): usize {
  return block + (<usize>(n * mp) << 2);
}
@inline
export function w2In(block: usize): usize {
  return block + (<usize>(n * mp + mp) << 2);
}
@inline
export function b2In(block: usize): usize {
  return block + (<usize>(n * mp + mp + Kp * mp) << 2);
}

@inline
function markKept(row: usize, count: i32): void {
  for (let j = 0; j < count; j++) store<u32>(row + (<usize>j << 2), 0xffffffff);
}
