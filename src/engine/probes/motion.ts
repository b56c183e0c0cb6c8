/**
 * The motion probe of SPEC 6: a ticket read off a short dense run. After s steps (default 50)
 * the rows that will code a clause have often already moved toward it, so the probe ranks
 * locations by their current distance d_s and breaks ties by how far they moved toward the code
 * (d̃_0 − d̃_s). The mask is filled by |θ_0| and rewinds to θ_0 (the caller rewinds).
 */
import { distances } from '../analysis/featureSpace';
import type { Clause, Params, Shape } from '../core/types';
import { assertProbeInputs } from './distance';
import { locationMask, placeClauses, type ProbeResult } from './select';

/** Motion probe: needs θ_0 and θ_s (real parameters after s dense steps). Order and choose as above by the key (d_s(j,c) + λ·load(j), −(d̃_0 − d̃_s)): current distance first, more motion toward the code breaks ties; fill by |θ_0|; the mask rewinds to θ_0 (the caller does that). */
export function motionProbe(init: Params, atS: Params, clauses: Clause[], shape: Shape, tau: number, lambda: number, kept: number): ProbeResult {
  assertProbeInputs(init, clauses, shape, 'motionProbe (θ_0)');
  assertProbeInputs(atS, clauses, shape, 'motionProbe (θ_s)');
  const { m, n } = shape;
  const at0 = distances(init.W1, m, n, clauses, tau);
  const now = distances(atS.W1, m, n, clauses, tau);
  // motion = d̃_0 − d̃_s, [m*K]; more motion toward the code ranks first, so the tie-break is −motion.
  const motion = new Float64Array(at0.dTilde.length);
  const negMotion = new Float64Array(at0.dTilde.length);
  for (let l = 0; l < motion.length; l++) {
    motion[l] = at0.dTilde[l] - now.dTilde[l];
    negMotion[l] = -motion[l];
  }
  const keys = { primary: now.d, secondary: negMotion, d0: at0.d, dTilde0: at0.dTilde, motion };
  return locationMask(init, placeClauses(keys, clauses, m, lambda), clauses, shape, kept);
}
