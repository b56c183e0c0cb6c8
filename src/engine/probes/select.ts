/**
 * The selection shared by the feature-space ticket probes (SPEC 6). The distance and motion
 * probes differ only in the key they rank locations by; placing clauses on rows without
 * conflicts, and turning the placed locations into a mask of exactly `kept` weights, is the
 * same for both, so it lives here once and the two probes cannot drift apart.
 *
 *   keys [m*K] ──clauseOrder──▶ clause order ──placeClauses──▶ choices ──locationMask──▶ masks
 *                                               (greedy rows,               (locations in order
 *                                                no conflicts)               while they fit, then |θ0|)
 */
import { conflicts } from '../analysis/featureSpace';
import { assertKept, assertMasksFit } from '../lottery/budget';
import { magnitudeMask } from '../lottery/prune';
import type { Clause, Masks, Params, Shape } from '../core/types';

export interface ProbeChoice {
  clause: number;
  /** Chosen row, or null when every row conflicts with a clause already placed (clause skipped). */
  row: number | null;
  d0: number; // d_0(row, clause) (or of the best location when skipped)
  dTilde0: number;
  /** Key used to order/choose (distance probe: d_0; motion probe: d_s) and the motion d̃_0 − d̃_s (0 for the distance probe). */
  key: number;
  motion: number;
  /** Clauses already on other rows that this clause's row choice had to avoid (conflicts on rows it skipped). */
  avoided: { row: number; clause: number }[];
}

export interface ProbeResult {
  masks: Masks;
  choices: ProbeChoice[];
  /** weights added by the chosen locations before the |θ0| fill */
  locationWeights: number;
}

/**
 * What a probe ranks locations by. Every array is [m*K], index j*K + c.
 * A location's key is (primary + λ·load(j), secondary), compared lexicographically, smaller first.
 */
export interface LocationKeys {
  /** Distance part of the key: d_0 (distance probe) or d_s (motion probe). */
  primary: ArrayLike<number>;
  /** Tie-break: d̃_0 (distance probe) or −(d̃_0 − d̃_s) (motion probe). */
  secondary: ArrayLike<number>;
  /** Reported in the choices: d_0, d̃_0 and the motion d̃_0 − d̃_s. */
  d0: ArrayLike<number>;
  dTilde0: ArrayLike<number>;
  motion: ArrayLike<number>;
}

/**
 * Keys closer than this count as equal, so that d + λ·load compares as exact arithmetic would
 * (e.g. 1 + 0 against 0 + 0.1·10) and the tie falls to the secondary key.
 */
const KEY_TOLERANCE = 1e-9;

/** −1, 0 or 1: lexicographic comparison of (a1, a2) with (b1, b2), first part with tolerance. */
function compareKeys(a1: number, a2: number, b1: number, b2: number): number {
  if (Math.abs(a1 - b1) > KEY_TOLERANCE) return a1 < b1 ? -1 : 1;
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}

/** For each clause, the row of its lexicographically best (primary, secondary), ties to the lower row. Returns [K]. */
export function bestRows(keys: LocationKeys, m: number, K: number): number[] {
  const best: number[] = [];
  for (let c = 0; c < K; c++) {
    let r = 0;
    for (let j = 1; j < m; j++) {
      if (compareKeys(keys.primary[j * K + c], keys.secondary[j * K + c], keys.primary[r * K + c], keys.secondary[r * K + c]) < 0) r = j;
    }
    best.push(r);
  }
  return best;
}

/** Clause indices in order of their best (primary, secondary) over rows; ties to the lower clause index. */
export function clauseOrder(keys: LocationKeys, m: number, K: number): number[] {
  const best = bestRows(keys, m, K);
  const at = (c: number) => best[c] * K + c;
  return Array.from({ length: K }, (_, c) => c).sort((a, b) => compareKeys(keys.primary[at(a)], keys.secondary[at(a)], keys.primary[at(b)], keys.secondary[at(b)]) || a - b);
}

/**
 * Places clauses greedily in `clauseOrder`: each takes the row minimizing
 * (primary + λ·load(j), secondary) among rows where it conflicts with no clause already there
 * (load = clauses already on the row; ties to the lower row), or is skipped (row null) when
 * every row conflicts. Returns the choices in placement order.
 */
export function placeClauses(keys: LocationKeys, clauses: Clause[], m: number, lambda: number): ProbeChoice[] {
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new RangeError(`λ must be a finite number >= 0, got ${lambda}`);
  const K = clauses.length;
  const best = bestRows(keys, m, K);
  const onRow: number[][] = Array.from({ length: m }, () => []);
  const choices: ProbeChoice[] = [];
  for (const c of clauseOrder(keys, m, K)) {
    const avoided: { row: number; clause: number }[] = [];
    let row: number | null = null;
    for (let j = 0; j < m; j++) {
      const clash = onRow[j].filter((other) => conflicts(clauses[c], clauses[other]));
      if (clash.length > 0) {
        for (const other of clash) avoided.push({ row: j, clause: other });
        continue;
      }
      const p = keys.primary[j * K + c] + lambda * onRow[j].length;
      if (row === null || compareKeys(p, keys.secondary[j * K + c], keys.primary[row * K + c] + lambda * onRow[row].length, keys.secondary[row * K + c]) < 0) row = j;
    }
    if (row !== null) onRow[row].push(c);
    const at = (row ?? best[c]) * K + c;
    choices.push({ clause: c, row, d0: keys.d0[at], dTilde0: keys.dTilde0[at], key: keys.primary[at], motion: keys.motion[at], avoided });
  }
  return choices;
}

/**
 * The mask of SPEC 6: the chosen locations' weights (W1[j, S_c] then W2[c, j]) in choice order,
 * each location whole, a weight shared with an earlier location counted once, stopping at the
 * first location whose new weights do not fit; then the rest of `kept` by |θ_0| (largest first,
 * ties to the lower flat index, W1 before W2). Exactly `kept` weights. init: W1 [m*n], W2 [K*m].
 */
export function locationMask(init: Params, choices: ProbeChoice[], clauses: Clause[], shape: Shape, kept: number): ProbeResult {
  const { n, m } = shape;
  const masks: Masks = { W1: new Uint8Array(init.W1.length), W2: new Uint8Array(init.W2.length) };
  assertMasksFit(masks, shape);
  assertKept(kept, masks.W1.length + masks.W2.length, 'probe');
  let added = 0;
  for (const { clause, row } of choices) {
    if (row === null) continue;
    const fresh1 = clauses[clause].inputs.map((i) => row * n + i).filter((f) => !masks.W1[f]);
    const fresh2 = masks.W2[clause * m + row] ? [] : [clause * m + row];
    if (added + fresh1.length + fresh2.length > kept) break;
    for (const f of fresh1) masks.W1[f] = 1;
    for (const f of fresh2) masks.W2[f] = 1;
    added += fresh1.length + fresh2.length;
  }
  // The fill: the largest |θ_0| among the weights not yet kept, with magnitudeMask's tie rule.
  const rest = magnitudeMask(init, { W1: masks.W1.map((v) => 1 - v), W2: masks.W2.map((v) => 1 - v) }, kept - added, 'global');
  rest.W1.forEach((v, f) => (masks.W1[f] |= v));
  rest.W2.forEach((v, f) => (masks.W2[f] |= v));
  return { masks, choices, locationWeights: added };
}
