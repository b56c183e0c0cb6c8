/**
 * The random-mask control and baseline (SPEC 5, 6): a mask drawn uniformly among all masks that
 * keep exactly `kept` of W1 ∪ W2. Its own PRNG stream, so it is reproducible from the seed named
 * in the run file and independent of every other draw.
 */
import { mixSeed, Prng } from '../core/prng';
import type { Masks, Shape } from '../core/types';
import { assertKept, prunableCount } from './budget';

/** Stream tag of the random mask ("MASK" in ASCII). */
const MASK_STREAM = 0x4d41534b;

/**
 * A uniformly random mask keeping exactly `kept` of W1 ∪ W2. Draw order (fixed, part of the
 * reproducibility contract): flat indices 0..total-1 (W1 [m*n] first, then W2 [K*m]); for
 * i = 0..kept-1 swap position i with i + rng.int(total − i) (partial Fisher–Yates); the first
 * `kept` positions are kept. rng = new Prng(mixSeed(seed, 0x4d41534b)).
 * Returns W1 [m*n], W2 [K*m] of 0/1.
 */
export function randomMask(shape: Shape, kept: number, seed: number): Masks {
  const total = prunableCount(shape);
  assertKept(kept, total, 'randomMask');
  const n1 = shape.m * shape.n;
  const rng = new Prng(mixSeed(seed, MASK_STREAM));
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  const out: Masks = { W1: new Uint8Array(n1), W2: new Uint8Array(total - n1) };
  for (let i = 0; i < kept; i++) {
    const j = i + rng.int(total - i);
    const chosen = order[j];
    order[j] = order[i];
    order[i] = chosen;
    if (chosen < n1) out.W1[chosen] = 1;
    else out.W2[chosen - n1] = 1;
  }
  return out;
}
