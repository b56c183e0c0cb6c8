import { describe, expect, it } from 'vitest';
import { conflicts, distances } from '../analysis/featureSpace';
import { keptBudget, maskedCount, prunableCount, supportedLocations } from '../lottery';
import { initParams } from '../core/params';
import { Prng } from '../core/prng';
import { generateTask } from '../core/task';
import type { Clause, Shape } from '../core/types';
import { distanceProbe } from './distance';
import { paramsFrom } from './probeFixtures';

const defaults: Shape = { n: 24, m: 16, K: 12 };
const tau = 0.3;

/** Random clauses of k literals over only n inputs, so that conflicts are common. */
function crowdedClauses(rng: Prng, n: number, K: number, k: number): Clause[] {
  return Array.from({ length: K }, () => {
    const pool = Array.from({ length: n }, (_, i) => i);
    for (let l = 0; l < k; l++) {
      const r = l + Math.floor(rng.nextFloat() * (n - l));
      [pool[l], pool[r]] = [pool[r], pool[l]];
    }
    const inputs = pool.slice(0, k).sort((a, b) => a - b);
    return { inputs, template: inputs.map(() => (rng.nextFloat() < 0.5 ? 1 : -1)) };
  });
}

describe('distanceProbe', () => {
  it('keeps exactly the budget at every sparsity, including budgets below one location', () => {
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 3);
    const init = initParams(defaults, 7);
    const budgets = [0.5, 0.7, 0.8, 0.9, 0.95, 0.99].map((s) => keptBudget(s, defaults));
    for (const kept of [...budgets, prunableCount(defaults), 0, 1, 2, 3]) {
      for (const lambda of [0, 0.5, 3]) {
        const result = distanceProbe(init, task.clauses, defaults, tau, lambda, kept);
        expect(maskedCount(result.masks), `kept=${kept} λ=${lambda}`).toBe(kept);
        expect(result.locationWeights).toBeLessThanOrEqual(kept);
      }
    }
    // A location is k + 1 = 4 weights: a budget of 3 takes no location, only the |θ0| fill.
    expect(distanceProbe(init, task.clauses, defaults, tau, 0.5, 3).locationWeights).toBe(0);
  });

  it('never puts two conflicting clauses on one row, and skips a clause only when every row conflicts', () => {
    const rng = new Prng(99);
    let skipped = 0;
    for (let trial = 0; trial < 200; trial++) {
      const shape: Shape = { n: 5, m: 1 + (trial % 4), K: 6 };
      const clauses = crowdedClauses(rng, shape.n, shape.K, 3);
      const init = initParams(shape, trial);
      const { choices } = distanceProbe(init, clauses, shape, tau, trial % 3, 0);
      expect(choices.map((ch) => ch.clause).sort((a, b) => a - b)).toEqual([...Array(shape.K).keys()]);
      const onRow: number[][] = Array.from({ length: shape.m }, () => []);
      for (const ch of choices) {
        if (ch.row === null) {
          skipped++;
          for (let j = 0; j < shape.m; j++) expect(onRow[j].some((o) => conflicts(clauses[ch.clause], clauses[o]))).toBe(true);
        } else {
          for (const other of onRow[ch.row]) expect(conflicts(clauses[ch.clause], clauses[other])).toBe(false);
          onRow[ch.row].push(ch.clause);
        }
      }
    }
    expect(skipped).toBeGreaterThan(0); // the property was exercised where it can fail
  });

  it('takes clauses in order of their best (d_0, d̃_0) and gives each its nearest allowed row when λ = 0', () => {
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 5);
    const init = initParams(defaults, 2);
    const { d, dTilde } = distances(init.W1, defaults.m, defaults.n, task.clauses, tau);
    const { K, m } = defaults;
    const best = (c: number) => {
      let b = [Infinity, Infinity];
      for (let j = 0; j < m; j++) if (d[j * K + c] < b[0] || (d[j * K + c] === b[0] && dTilde[j * K + c] < b[1])) b = [d[j * K + c], dTilde[j * K + c]];
      return b;
    };
    const { choices } = distanceProbe(init, task.clauses, defaults, tau, 0, 0);
    for (let p = 1; p < choices.length; p++) {
      const [a, b] = [best(choices[p - 1].clause), best(choices[p].clause)];
      expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && choices[p - 1].clause < choices[p].clause)))).toBe(true);
    }
    // With λ = 0 a placed clause sits at its best distance unless a conflict took that row.
    for (const ch of choices) if (ch.row !== null && ch.avoided.length === 0) expect([ch.d0, ch.dTilde0]).toEqual(best(ch.clause));
  });

  it('prefers the row that already sits at d = 0 for a clause', () => {
    const clause: Clause = { inputs: [0, 1, 2], template: [1, -1, 1] };
    const far = [-0.5, 0.5, -0.5, 0.1, 0.2, 0.3];
    const near = [0.9, -0.8, 0.7, 0.1, 0.2, 0.3];
    const init = paramsFrom([far, far, near, far], 1);
    const [choice] = distanceProbe(init, [clause], { n: 6, m: 4, K: 1 }, tau, 0.5, 0).choices;
    expect(choice).toMatchObject({ clause: 0, row: 2, d0: 0, dTilde0: 0, key: 0, motion: 0, avoided: [] });
  });

  it('lets two compatible clauses share the nearest row when λ = 0 and splits them when λ is large', () => {
    const clauses: Clause[] = [
      { inputs: [0, 1, 2], template: [1, 1, 1] },
      { inputs: [3, 4, 5], template: [1, 1, 1] },
    ];
    const shared = [1, 1, 1, 1, 1, 1]; // d = 0 for both
    const second = [1, 1, 0, 1, 1, 0]; // d = 1 for both
    const init = paramsFrom([second, shared, second], 2);
    const shape: Shape = { n: 6, m: 3, K: 2 };
    const rows = (lambda: number) => distanceProbe(init, clauses, shape, tau, lambda, 0).choices.map((ch) => ch.row);
    expect(rows(0)).toEqual([1, 1]);
    expect(rows(2)).toEqual([1, 0]); // 1 + 2·0 < 0 + 2·1: the lower of the two d = 1 rows
  });

  it('skips a clause whose every row holds a conflicting clause, with row null, and names what it avoided', () => {
    const clauses: Clause[] = [
      { inputs: [0, 1, 2], template: [1, 1, 1] },
      { inputs: [2, 3, 4], template: [-1, 1, 1] }, // conflicts with clause 0 on input 2
    ];
    const init = paramsFrom([[1, 1, 1, 0.5, 0.5]], 2); // clause 0 at d = 0, clause 1 at d = 1
    const { choices, locationWeights } = distanceProbe(init, clauses, { n: 5, m: 1, K: 2 }, tau, 0.5, 6);
    expect(choices[0]).toMatchObject({ clause: 0, row: 0, avoided: [] });
    expect(choices[1]).toMatchObject({ clause: 1, row: null, d0: 1, avoided: [{ row: 0, clause: 0 }] });
    expect(locationWeights).toBe(4);
  });

  it('supports every chosen location when the budget holds them all, and a prefix of them when it does not', () => {
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 8);
    for (const seed of [1, 2, 3]) {
      const init = initParams(defaults, seed);
      for (const kept of [keptBudget(0.5, defaults), keptBudget(0.9, defaults), 48, 20, 9]) {
        const { masks, choices, locationWeights } = distanceProbe(init, task.clauses, defaults, tau, 0.5, kept);
        const supported = supportedLocations(masks, task.clauses, defaults);
        const placed = choices.filter((ch) => ch.row !== null);
        const held = placed.map((ch) => supported[ch.row! * defaults.K + ch.clause]);
        if (kept >= 48)
          expect(
            held.every((s) => s === 1),
            `kept=${kept}`,
          ).toBe(true);
        else expect(held.slice(0, Math.floor(locationWeights / 4))).not.toContain(0);
      }
    }
  });

  it('stops adding locations at the first that does not fit, a weight shared with an earlier location counting once', () => {
    // All three clauses sit at d = 0, d̃ = 0 on row 0, in clause order 0, 1, 2.
    const clauses: Clause[] = [
      { inputs: [0, 1, 2], template: [1, 1, 1] },
      { inputs: [1, 2, 3], template: [1, 1, 1] }, // 2 new weights: W1[0,3], W2[1,0]
      { inputs: [0, 1, 2], template: [1, 1, 1] }, // 1 new weight: W2[2,0]
    ];
    const W2 = [0.9, 0.9, 0.001, 0.9, 0.8, 0.7]; // [K=3][m=2]; W2[2,0] is the smallest
    const init = paramsFrom(
      [
        [1, 1, 1, 1, 0.5],
        [-1, -1, -1, -1, 0.6],
      ],
      3,
      W2,
    );
    const shape: Shape = { n: 5, m: 2, K: 3 };
    const six = distanceProbe(init, clauses, shape, tau, 0, 6);
    expect(six.locationWeights).toBe(6); // 4 + 2 (clause 1 shares W1[0,1], W1[0,2])
    const five = distanceProbe(init, clauses, shape, tau, 0, 5);
    expect(five.locationWeights).toBe(4); // clause 1 needs 2 > 1: stop, clause 2's 1 is not added
    expect(five.masks.W2[2 * 2 + 0]).toBe(0);
    expect(maskedCount(five.masks)).toBe(5);
  });

  it('fills the rest of the budget with the largest |θ_0| not already kept', () => {
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 4);
    const init = initParams(defaults, 6);
    const kept = keptBudget(0.8, defaults);
    const { masks, locationWeights } = distanceProbe(init, task.clauses, defaults, tau, 0.5, kept);
    // The location part alone: the same probe with a budget of exactly its location weights.
    const base = distanceProbe(init, task.clauses, defaults, tau, 0.5, locationWeights).masks;
    expect(locationWeights).toBeGreaterThan(0);
    const filled: number[] = [];
    const left: number[] = [];
    for (const layer of ['W1', 'W2'] as const) {
      init[layer].forEach((w, f) => {
        if (base[layer][f]) expect(masks[layer][f]).toBe(1);
        else (masks[layer][f] ? filled : left).push(Math.abs(w));
      });
    }
    expect(filled.length).toBe(kept - locationWeights);
    expect(Math.min(...filled)).toBeGreaterThanOrEqual(Math.max(...left));
  });

  it('rejects inputs that do not fit the shape and a negative λ', () => {
    const init = initParams(defaults, 1);
    const clauses = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1).clauses;
    expect(() => distanceProbe(init, clauses.slice(1), defaults, tau, 0.5, 10)).toThrow(RangeError);
    expect(() => distanceProbe(init, clauses, defaults, tau, -1, 10)).toThrow(RangeError);
    expect(() => distanceProbe(init, clauses, defaults, tau, 0.5, prunableCount(defaults) + 1)).toThrow(RangeError);
  });
});
