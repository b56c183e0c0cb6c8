/**
 * Claim 3 (SPEC 8): a winning ticket is a family of compatible code locations. A mask's family
 * is the locations it supports (SPEC 5); we measure its size, how near its locations were at
 * init (mean d₀), its interference (conflicting pairs on one row; active off-clause weights it
 * keeps), and the same for random families of the same size drawn from all locations under the
 * same mask (FAMILY_DRAWS draws, a fixed PRNG seed).
 *
 * Reading the SPEC: "off-clause weights" of a random family count the same mask's kept weights
 * on the random family's rows, so the comparison is where the family sits, under one mask.
 */
import { conflicts, distances, signCategories } from '../analysis/featureSpace';
import { Prng } from '../core/prng';
import type { Clause, Masks, Params, Shape } from '../core/types';
import { supportedLocations } from '../lottery/support';

export const FAMILY_DRAWS = 200;
export const FAMILY_SEED = 0xfa3117;

export interface FamilyStats {
  size: number;
  /** Mean d₀ over the family's locations (NaN for an empty family). */
  meanD0: number;
  /** Pairs of family locations on one row whose clauses conflict. */
  conflictingPairs: number;
  /** Σ over the family's locations (j, c) of kept W1[j, i], i ∉ S_c, with φ₀(j, i) ≠ 0. */
  offClauseWeights: number;
}

/** Everything about one seed's init that the family measures read. */
export interface InitView {
  shape: Shape;
  clauses: Clause[];
  /** [m*K]: d₀(j, c) at τ. */
  d0: Uint8Array;
  /** [m*n]: φ₀(j, i) at τ. */
  phi0: Int8Array;
}

export function initView(init: Params, shape: Shape, clauses: Clause[], tau: number): InitView {
  return { shape, clauses, d0: distances(init.W1, shape.m, shape.n, clauses, tau).d, phi0: signCategories(init.W1, shape.m, shape.n, tau) };
}

/** The measures of a family given as location indices j*K + c. */
export function familyStats(locations: readonly number[], masks: Masks, v: InitView): FamilyStats {
  const { n, K } = v.shape;
  let d0 = 0,
    conflicting = 0,
    off = 0;
  for (let a = 0; a < locations.length; a++) {
    const j = Math.floor(locations[a] / K),
      c = locations[a] % K;
    d0 += v.d0[locations[a]];
    const inClause = new Set(v.clauses[c].inputs);
    for (let i = 0; i < n; i++) if (!inClause.has(i) && masks.W1[j * n + i] !== 0 && v.phi0[j * n + i] !== 0) off++;
    for (let b = a + 1; b < locations.length; b++) {
      if (Math.floor(locations[b] / K) === j && conflicts(v.clauses[c], v.clauses[locations[b] % K])) conflicting++;
    }
  }
  return { size: locations.length, meanD0: locations.length === 0 ? NaN : d0 / locations.length, conflictingPairs: conflicting, offClauseWeights: off };
}

/** A mask's family and the mean of FAMILY_DRAWS random families of its size under the same mask. */
export function familyAgainstRandom(masks: Masks, v: InitView): { family: FamilyStats; random: FamilyStats } {
  const supported = supportedLocations(masks, v.clauses, v.shape);
  const family: number[] = [];
  supported.forEach((s, at) => s && family.push(at));
  const all = supported.length;
  const prng = new Prng(FAMILY_SEED);
  const sum = { meanD0: 0, conflictingPairs: 0, offClauseWeights: 0 };
  const pool = Array.from({ length: all }, (_, i) => i);
  for (let draw = 0; draw < FAMILY_DRAWS; draw++) {
    // A partial Fisher–Yates shuffle: the first `size` entries are a uniform random subset.
    for (let i = 0; i < family.length; i++) {
      const r = i + Math.floor(prng.nextFloat() * (all - i));
      [pool[i], pool[r]] = [pool[r], pool[i]];
    }
    const s = familyStats(pool.slice(0, family.length), masks, v);
    sum.meanD0 += family.length === 0 ? 0 : s.meanD0;
    sum.conflictingPairs += s.conflictingPairs;
    sum.offClauseWeights += s.offClauseWeights;
  }
  const random: FamilyStats = {
    size: family.length,
    meanD0: family.length === 0 ? NaN : sum.meanD0 / FAMILY_DRAWS,
    conflictingPairs: sum.conflictingPairs / FAMILY_DRAWS,
    offClauseWeights: sum.offClauseWeights / FAMILY_DRAWS,
  };
  return { family: familyStats(family, masks, v), random };
}
