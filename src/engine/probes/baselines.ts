/**
 * The data-free and training-only baselines of SPEC 6: a random mask, magnitude at init |θ_0|
 * and one-shot magnitude after dense training (the classic ticket). They are thin names over
 * the lottery modules so every method shares one budget rule and one tie-break.
 */
import { magnitudeMask } from '../lottery/prune';
import { randomMask } from '../lottery/randomMask';
import type { Masks, Params, Shape } from '../core/types';

/** A uniformly random mask keeping exactly `kept` of W1 ∪ W2; a pure function of `seed`. Returns W1 [m*n], W2 [K*m]. */
export function randomProbe(shape: Shape, kept: number, seed: number): Masks {
  return randomMask(shape, kept, seed);
}

/** Keeps the `kept` largest |θ_0| over W1 ∪ W2 (global; ties: lower flat index, W1 first). Biases ignored. */
export function magnitudeInitProbe(init: Params, kept: number): Masks {
  return magnitudeMask(init, null, kept, 'global');
}

/** Keeps the `kept` largest |θ_T| of the dense run's final weights, global over W1 ∪ W2 (the mask then rewinds). */
export function oneShotProbe(final: Params, kept: number): Masks {
  return magnitudeMask(final, null, kept, 'global');
}
