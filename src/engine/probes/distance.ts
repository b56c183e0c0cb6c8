/**
 * The distance probe of SPEC 6: a ticket read off the initialization alone. Claim 1 says
 * winning tickets sit on precursor locations, already near the final codes at init; if so,
 * keeping the weights of the nearest compatible locations should find a ticket without
 * training at all. This file only builds the keys; select.ts places clauses and builds the mask.
 */
import { distances } from '../analysis/featureSpace';
import type { Clause, Params, Shape } from '../core/types';
import { locationMask, placeClauses, type ProbeResult } from './select';

/** Throws unless params and clauses have the sizes of `shape` (W1 [m*n], W2 [K*m], K clauses). */
export function assertProbeInputs(params: Params, clauses: Clause[], shape: Shape, what: string): void {
  const { n, m, K } = shape;
  if (params.W1.length !== m * n || params.W2.length !== K * m || clauses.length !== K) {
    throw new RangeError(`${what}: W1 ${params.W1.length}, W2 ${params.W2.length}, ${clauses.length} clauses do not fit n=${n}, m=${m}, K=${K}`);
  }
}

/** Distance probe (uses only the init): take clauses in order of their best (d_0, d̃_0) over rows; give each the row minimizing (d_0(j,c) + λ·load(j), d̃_0(j,c)) among rows where it conflicts with no clause already placed on that row (load = clauses already on the row); skip the clause if every row conflicts. Add the chosen locations' weights (W1[j,S_c] and W2[c,j]) in that order while they fit the budget; fill the rest by |θ0| (largest first, ties lower flat index, W1 before W2). */
export function distanceProbe(init: Params, clauses: Clause[], shape: Shape, tau: number, lambda: number, kept: number): ProbeResult {
  assertProbeInputs(init, clauses, shape, 'distanceProbe');
  const { d, dTilde } = distances(init.W1, shape.m, shape.n, clauses, tau);
  const keys = { primary: d, secondary: dTilde, d0: d, dTilde0: dTilde, motion: new Float64Array(d.length) };
  return locationMask(init, placeClauses(keys, clauses, shape.m, lambda), clauses, shape, kept);
}
