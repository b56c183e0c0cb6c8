/**
 * Rewinding (SPEC 5): a ticket is its mask applied to the dense run's parameters at the rewind
 * step k_r (default 0, the init), then retrained with the mask fixed. Also the random
 * re-initialization control: the same mask on a fresh init, which tells whether the ticket's
 * init values matter or only its structure.
 */
import { applyMasks, initParams } from '../core/params';
import { mixSeed } from '../core/prng';
import type { Masks, Params, Shape } from '../core/types';
import { assertMasksFit } from './budget';

/** Stream tag of the control's init, so it never equals the dense run's init. */
const REINIT_STREAM = 0x7e1417;

/**
 * Kept weights rewound to `source` (the dense run's parameters at the rewind step):
 * W1 [m*n], W2 [K*m] = source where kept, exactly +0 where pruned; biases b1 [m], b2 [K]
 * copied from source (biases are never pruned). Returns fresh arrays; never mutates its inputs.
 */
export function rewind(source: Params, masks: Masks): Params {
  if (masks.W1.length !== source.W1.length || masks.W2.length !== source.W2.length) {
    throw new RangeError('rewind: masks and params have different shapes');
  }
  return {
    W1: source.W1.map((w, i) => (masks.W1[i] ? w : 0)),
    b1: source.b1.slice(),
    W2: source.W2.map((w, i) => (masks.W2[i] ? w : 0)),
    b2: source.b2.slice(),
  };
}

/**
 * Control: the ticket's mask on a fresh random init drawn from
 * initParams(shape, mixSeed(initSeed, 0x7e1417)), pruned weights exactly 0, biases unmasked.
 */
export function reinitControl(shape: Shape, masks: Masks, initSeed: number): Params {
  assertMasksFit(masks, shape);
  return applyMasks(initParams(shape, mixSeed(initSeed, REINIT_STREAM)), masks);
}
