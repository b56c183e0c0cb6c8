/**
 * The fused training step as one WebAssembly module (AssemblyScript, SIMD). Entry point of
 * `npm run build:kernel`; WasmTrainer (../../wasmTrainer.ts) is its only user.
 *
 * Use: setup(n, m, K, k, B) once; write the clauses, parameters and keep mask at the pointers
 * below (layout.ts); then setSampling (which reads the clauses) and setOptimizer; then
 * train(step, count) as often as needed. Everything lives in the kernel's own memory, and
 * nothing is allocated after setup.
 */
import { b1In, b2In, batchOut, B, clauseInputs, clauseSigns, K, keep, labels, n, P, params, w2In } from './layout';
import { accumulateGradients } from './gradients';
import { applyUpdate } from './optimizer';
import { drawSample, seedBatch, xHi, xLo } from './sample';

export { setup } from './layout';
export { setSampling } from './sample';
export { setOptimizer } from './optimizer';

/** Trains `count` steps on batches step, step+1, ...; returns the mean loss of the last one (NaN if none). */
export function train(step: u32, count: i32): f64 {
  let loss: f64 = NaN;
  for (let t = 0; t < count; t++) {
    loss = accumulateGradients(step + <u32>t, t == count - 1);
    applyUpdate();
  }
  return loss;
}

/** Writes training batch `step` at batchPtr(): x [B][n] then y [B][K], one byte each. */
export function drawBatch(step: u32): void {
  seedBatch(step);
  const xOut = batchOut;
  const yOut = batchOut + <usize>(B * n);
  for (let s = 0; s < B; s++) {
    drawSample();
    for (let i = 0; i < n; i++) {
      const word = i < 64 ? xLo : xHi;
      store<u8>(xOut + <usize>(s * n + i), <u8>((word >>> <u64>(i & 63)) & 1));
    }
    for (let c = 0; c < K; c++) store<u8>(yOut + <usize>(s * K + c), <u8>load<f32>(labels + (<usize>c << 2)));
  }
}

/** The parameter block (layout.ts): W1T [n][mp] starts it, then b1 [mp], W2 [Kp][mp], b2 [Kp]. */
export function paramsPtr(): usize {
  return params;
}
export function b1Ptr(): usize {
  return b1In(params);
}
export function w2Ptr(): usize {
  return w2In(params);
}
export function b2Ptr(): usize {
  return b2In(params);
}
/** Floats in the parameter block. */
export function paramsLength(): i32 {
  return P;
}
/** The keep mask, laid out like the parameter block. */
export function keepPtr(): usize {
  return keep;
}
export function clauseInputsPtr(): usize {
  return clauseInputs;
}
export function clauseSignsPtr(): usize {
  return clauseSigns;
}
export function batchPtr(): usize {
  return batchOut;
}
