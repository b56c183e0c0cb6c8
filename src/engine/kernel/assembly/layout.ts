/**
 * Sizes and the byte layout of the kernel's linear memory, set once per instance by `setup`
 * (one model) or `setupBatch` (M models trained together, index.ts).
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
 *
 *   [grads | chunk activations | clauses | 4 lane batches | model 0: params, moment1, moment2, keep | model 1 ...]
 *
 * Each model owns its four blocks (`modelBytes` apart); `selectModel(i)` points the globals
 * below at model i, so every loop reads "the current model" with no index arithmetic. The
 * gradient block and the per-chunk activations are shared: a model's gradient is used up by its
 * own update before the next model's is accumulated. The sampler (sample.ts) draws four
 * batches at once, one per SIMD lane, into the four lane batches; models read them there.
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
/** Models, groups (index.ts), and bytes from one model's blocks to the next's. */
export let models = 0;
export let groups = 0;
export let modelBytes: usize = 0;

// Byte offsets of each region; params, moment1, moment2 and keep are the selected model's.
export let grads: usize = 0;
export let params: usize = 0;
export let moment1: usize = 0;
export let moment2: usize = 0;
export let keep: usize = 0;
let firstModel: usize = 0;
/** Samples per chunk (gradients.ts), and the chunk's h [chunk][mp], logits then dL/dz [chunk][Kp], dh [chunk][mp]. */
export let chunk = 0;
export let hiddens: usize = 0;
export let outGrads: usize = 0;
export let hiddenGrads: usize = 0;
/** The selected model's W2 transposed, [mp][Kp], refreshed before each batch (forward.ts's logits read it). */
export let w2t: usize = 0;
/** 1 / (B K) as f32, and the keep-lanes mask (all-ones for real clauses) of the last clause vector. */
export let gradScale: usize = 0;
export let lastClauseLanes: usize = 0;
/** Clause c's literal l: input index [K][k] (i32) and wanted bit [K][k] (u8), written by JS. */
export let clauseInputs: usize = 0;
export let clauseSigns: usize = 0;
/** The same clauses as bit masks over the inputs [K][8] (u32): mask words 0..3, wanted-bit words 0..3. */
export let clauseMasks: usize = 0;
/** Per group [G]: data seed and number of models (u32). Per model [M]: last loss (f64). */
export let groupSeeds: usize = 0;
export let groupSizes: usize = 0;
export let losses: usize = 0;
/** The sampler's four streams [4]: data seed and step (u32); its scratch, 4 v128. */
export let laneSeeds: usize = 0;
export let laneSteps: usize = 0;
export let xWords: usize = 0;
/** Four lane batches: active rows [4][B][n] (u32 byte offsets), their counts [4][B] (u32), labels [4][B][Kp] (f32). */
let batchActive: usize = 0;
let batchCounts: usize = 0;
let batchLabels: usize = 0;
/** Four whole batches' bits for checking the sampler: [4] x [B][n] then y [B][K], as bytes. */
export let batchOut: usize = 0;

@inline
function align16(at: usize): usize {
  return (at + 15) & ~(<usize>15);
}

/** Sets the sizes for one model, grows memory to fit, zeroes everything and marks every real lane kept. */
export function setup(n_: i32, m_: i32, K_: i32, k_: i32, B_: i32): bool {
  return setupBatch(n_, m_, K_, k_, B_, 1, 1);
}

/**
 * As `setup`, for M models in G groups (each of one model until index.ts's setGroup says
 * otherwise). False if memory cannot grow to fit. Selects model 0.
 */
export function setupBatch(n_: i32, m_: i32, K_: i32, k_: i32, B_: i32, M_: i32, G_: i32): bool {
  n = n_;
  m = m_;
  mp = (m_ + 3) & ~3;
  K = K_;
  Kp = (K_ + 3) & ~3;
  lits = k_;
  B = B_;
  P = n * mp + mp + Kp * mp + Kp;
  models = M_;
  groups = G_;
  const block = <usize>P << 2;
  modelBytes = 4 * block;
  let at = align16(__heap_base);
  grads = at;
  at += block;
  // A chunk's activations fit in about 16 KiB, so they stay in L1 between the chunk's loops.
  chunk = min(B_, max(8, min(64, 16384 / ((2 * mp + Kp) << 2))));
  hiddens = at;
  at += <usize>(chunk * mp) << 2;
  outGrads = at;
  at += <usize>(chunk * Kp) << 2;
  hiddenGrads = at;
  at += <usize>(chunk * mp) << 2;
  w2t = at;
  at += <usize>(mp * Kp) << 2;
  gradScale = at;
  lastClauseLanes = at + 16;
  at += 32;
  clauseInputs = at;
  at = align16(at + (<usize>(K * k_) << 2));
  clauseSigns = at;
  at = align16(at + <usize>(K * k_));
  clauseMasks = at;
  at += <usize>K << 5;
  groupSeeds = at;
  at = align16(at + (<usize>G_ << 2));
  groupSizes = at;
  at = align16(at + (<usize>G_ << 2));
  losses = at;
  at = align16(at + (<usize>M_ << 3));
  laneSeeds = at;
  laneSteps = at + 16;
  xWords = at + 32;
  at += 96;
  batchActive = at;
  at += <usize>(4 * B * n) << 2;
  batchCounts = at;
  at += <usize>(4 * B) << 2;
  batchLabels = at;
  at += <usize>(4 * B * Kp) << 2;
  batchOut = at;
  at = align16(at + <usize>(4 * B * (n + K)));
  firstModel = at;
  // A 32-bit memory holds at most 4 GiB: refuse what would not fit rather than wrap around.
  if (<u64>at + <u64>M_ * <u64>modelBytes > 0xffff0000) return false;
  at += <usize>M_ * modelBytes;
  const pages = <i32>((at + 0xffff) >>> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) return false;
  memory.fill(grads, 0, at - grads);
  store<f32>(gradScale, <f32>(1.0 / (<f64>B * <f64>K)));
  for (let l = 0; l < 4; l++) store<u32>(lastClauseLanes + (<usize>l << 2), l < K - (Kp - 4) ? 0xffffffff : 0);
  for (let g = 0; g < G_; g++) store<u32>(groupSizes + (<usize>g << 2), 1);
  for (let i = 0; i < M_; i++) store<f64>(losses + (<usize>i << 3), NaN);
  const rowBytes = <usize>mp << 2;
  for (let i = 0; i < M_; i++) {
    selectModel(i);
    for (let r = 0; r < n + 1 + K; r++) markKept(keep + <usize>r * rowBytes, m);
    markKept(keep + <usize>(n + 1 + Kp) * rowBytes, K);
  }
  selectModel(0);
  return true;
}

/** Points params, moment1, moment2 and keep at model i's blocks. */
export function selectModel(i: i32): void {
  const block = <usize>P << 2;
  params = firstModel + <usize>i * modelBytes;
  moment1 = params + block;
  moment2 = moment1 + block;
  keep = moment2 + block;
}

/** Lane l's batch: active rows [B][n], counts [B], labels [B][Kp]. */
@inline
export function laneActive(l: i32): usize {
  return batchActive + <usize>(l * B * n) * 4;
}
@inline
export function laneCounts(l: i32): usize {
  return batchCounts + <usize>(l * B) * 4;
}
@inline
export function laneLabels(l: i32): usize {
  return batchLabels + <usize>(l * B * Kp) * 4;
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
