/**
 * The fused training step as one WebAssembly module (AssemblyScript, SIMD). Entry point of
 * `npm run build:kernel`; WasmTrainer (one model) and BatchedWasmTrainer (many) use it.
 *
 * Use: setup(n, m, K, k, B) for one model, or setupBatch(..., M, G) for M models in G groups
 * (then setGroup for each group: models sharing a data seed sit in consecutive slots); write
 * the clauses, and each model's parameters and keep mask at the pointers below after
 * selectModel(i) (layout.ts); then setSampling (which reads the clauses) and setOptimizer; then
 * train(step, count) as often as needed. Everything lives in the kernel's own memory, and
 * nothing is allocated after setup.
 *
 * train walks the (step t, group g) pairs in order, t-major, four at a time:
 *
 *   draw the four pairs' batches at once, one per SIMD lane (sample.ts)
 *   for each pair (t, g), in order:
 *     for each model of group g: gradient from the lane's batch, then its own update
 *     after the last group of step t: advance Adam's powers
 *
 * With one group that is four consecutive steps of its models; with many, four groups of one
 * step. Batches never depend on parameters, so drawing ahead changes no number: a model's
 * arithmetic is the same whatever trains beside it, and model i of a batch equals a lone
 * kernel with model i's options, bit for bit.
 */
import { batchGradients } from './gradients';
import { b1In, b2In, batchOut, B, clauseInputs, clauseSigns, groups, groupSeeds, groupSizes, K, keep, Kp, laneActive, laneCounts, laneLabels, laneSeeds, laneSteps, losses, moment1, moment2, mp, n, P, params, selectModel, w2In } from './layout';
import { advancePowers, updateModel } from './optimizer';
import { drawLanes, prepareSampling } from './sample';

export { selectModel, setup, setupBatch } from './layout';
// updateModel is exported only so that Binaryen does not inline it into train: V8 moves a
// function to its optimizing tier between calls, never during one, so inside a long first
// train(count) every update would run unoptimized; as a function of its own, called once per
// model and step, it is optimized within a few steps.
export { setOptimizer, setPowers, updateModel } from './optimizer';

const LANES = 4;

/** Sets the task's probabilities and reads the clauses (written by JS); `seed` is group 0's data seed. */
export function setSampling(p: f64, q: f64, seed: u32): void {
  prepareSampling(p, q);
  store<u32>(groupSeeds, seed);
}

/** Group g trains on data seed `seed` with the next `size` model slots after group g-1's. */
export function setGroup(g: i32, seed: u32, size: i32): void {
  store<u32>(groupSeeds + (<usize>g << 2), seed);
  store<u32>(groupSizes + (<usize>g << 2), <u32>size);
}

/** Trains every model `count` steps on batches step, step+1, ...; returns model 0's mean loss on the last one (NaN if none). */
export function train(step: u32, count: i32): f64 {
  if (count <= 0) return NaN;
  const G = groups;
  // The next pair to train: step t (0-based within this call), group g, whose first model is slot.
  let t = 0;
  let g = 0;
  let slot = 0;
  while (t < count) {
    let used = 0;
    for (let tt = t, gg = g; used < LANES && tt < count; used++) {
      store<u32>(laneSeeds + (<usize>used << 2), load<u32>(groupSeeds + (<usize>gg << 2)));
      store<u32>(laneSteps + (<usize>used << 2), step + <u32>tt);
      if (++gg == G) {
        gg = 0;
        tt++;
      }
    }
    drawLanes(used);
    for (let lane = 0; lane < used; lane++) {
      const withLoss = t == count - 1;
      const end = slot + <i32>load<u32>(groupSizes + (<usize>g << 2));
      for (let i = slot; i < end; i++) {
        selectModel(i);
        const loss = batchGradients(lane, withLoss);
        updateModel();
        if (withLoss) store<f64>(losses + (<usize>i << 3), loss);
      }
      slot = end;
      if (++g == G) {
        advancePowers();
        g = 0;
        slot = 0;
        t++;
      }
    }
  }
  return load<f64>(losses);
}

/** Writes training batches step..step+3 of group 0's seed at batchPtr(), each x [B][n] then y [B][K], one byte each. */
export function drawBatch(step: u32): void {
  const seed = load<u32>(groupSeeds);
  for (let l = 0; l < LANES; l++) {
    store<u32>(laneSeeds + (<usize>l << 2), seed);
    store<u32>(laneSteps + (<usize>l << 2), step + <u32>l);
  }
  drawLanes(LANES);
  const rowBytes = <u32>mp << 2;
  for (let l = 0; l < LANES; l++) {
    const xOut = batchOut + <usize>(l * B * (n + K));
    const yOut = xOut + <usize>(B * n);
    memory.fill(xOut, 0, <usize>(B * n));
    for (let s = 0; s < B; s++) {
      const act = laneActive(l) + <usize>(s * n) * 4;
      const count = <i32>load<u32>(laneCounts(l) + (<usize>s << 2));
      for (let a = 0; a < count; a++) store<u8>(xOut + <usize>(s * n) + <usize>(load<u32>(act + (<usize>a << 2)) / rowBytes), 1);
      for (let c = 0; c < K; c++) store<u8>(yOut + <usize>(s * K + c), <u8>load<f32>(laneLabels(l) + (<usize>(s * Kp + c) << 2)));
    }
  }
}

/** The selected model's parameter block (layout.ts): W1T [n][mp] starts it, then b1 [mp], W2 [Kp][mp], b2 [Kp]. */
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
/** The selected model's Adam moments, each laid out like the parameter block (f32). */
export function moment1Ptr(): usize {
  return moment1;
}
export function moment2Ptr(): usize {
  return moment2;
}
/** The selected model's keep mask, laid out like the parameter block. */
export function keepPtr(): usize {
  return keep;
}
/** Each model's mean loss on the last batch of the last train call [M] (f64; NaN before). */
export function lossesPtr(): usize {
  return losses;
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

// Scoring (evaluate.ts): an instance that scores never trains.
export { evalB1Ptr, evalB2Ptr, evalCodesPtr, evalExact, evalLabelsPtr, evalTrueNegPtr, evalTruePosPtr, evalW1Ptr, evalW2Ptr, evaluate, setupEval } from './evaluate';
