/**
 * The parameter update, over the whole parameter block at once (see layout.ts), in f32x4.
 *
 * Adam is tfjs's, op for op in float32 (each tfjs cpu op rounds to float32, and so does each
 * f32 op here): m = m beta1 + g (1 - beta1); v = v beta2 + g^2 (1 - beta2);
 * w = (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps) * (-lr) + w, with the powers
 * beta^t kept as float32 and advanced after the update. SGD is w = (-lr) g + w. The gradient
 * and the new weight are ANDed with the keep mask, so a pruned weight and its moments stay +0.
 *
 * Models trained together share one optimizer configuration and one step count, so one pair
 * of powers serves all: `updateModel` for each model, then `advancePowers` once per step.
 */
import { grads, keep, moment1, moment2, P, params } from './layout';

const BETA1: f32 = 0.9;
const BETA2: f32 = 0.999;

let adam = true;
let learningRate: f32 = 0;
let epsilon: f32 = 0;
let power1: f32 = BETA1;
let power2: f32 = BETA2;

export function setOptimizer(useAdam: bool, lr: f32, eps: f32): void {
  adam = useAdam;
  learningRate = lr;
  epsilon = eps;
  power1 = BETA1;
  power2 = BETA2;
}

/**
 * Sets Adam's powers to beta^(t+1), as they stand after t updates, so that a run continued
 * from saved moments (after setOptimizer) takes exactly the steps it would have taken.
 */
export function setPowers(p1: f32, p2: f32): void {
  power1 = p1;
  power2 = p2;
}

/** Updates the selected model (layout.ts's selectModel) from the gradient block. */
export function updateModel(): void {
  if (adam) adamUpdate();
  else sgdUpdate();
}

/** beta^t -> beta^(t+1), after every model has taken step t. */
export function advancePowers(): void {
  power1 *= BETA1;
  power2 *= BETA2;
}

function adamUpdate(): void {
  const b1 = f32x4.splat(BETA1);
  const b2 = f32x4.splat(BETA2);
  const oneMinusB1 = f32x4.splat(<f32>(1.0 - 0.9));
  const oneMinusB2 = f32x4.splat(<f32>(1.0 - 0.999));
  const c1 = f32x4.splat(1 - power1);
  const c2 = f32x4.splat(1 - power2);
  const eps = f32x4.splat(epsilon);
  const negLr = f32x4.splat(-learningRate);
  const bytes = <usize>P << 2;
  for (let at: usize = 0; at < bytes; at += 16) {
    const kept = v128.load(keep + at);
    const g = v128.and(v128.load(grads + at), kept);
    const m1 = f32x4.add(f32x4.mul(v128.load(moment1 + at), b1), f32x4.mul(g, oneMinusB1));
    const m2 = f32x4.add(f32x4.mul(v128.load(moment2 + at), b2), f32x4.mul(f32x4.mul(g, g), oneMinusB2));
    v128.store(moment1 + at, m1);
    v128.store(moment2 + at, m2);
    const step = f32x4.mul(f32x4.div(f32x4.div(m1, c1), f32x4.add(f32x4.sqrt(f32x4.div(m2, c2)), eps)), negLr);
    v128.store(params + at, v128.and(f32x4.add(step, v128.load(params + at)), kept));
  }
}

function sgdUpdate(): void {
  const negLr = f32x4.splat(-learningRate);
  const bytes = <usize>P << 2;
  for (let at: usize = 0; at < bytes; at += 16) {
    const kept = v128.load(keep + at);
    const step = f32x4.mul(negLr, v128.and(v128.load(grads + at), kept));
    v128.store(params + at, v128.and(f32x4.add(step, v128.load(params + at)), kept));
  }
}
