import { describe, expect, it } from 'vitest';
import { distances } from '../analysis/featureSpace';
import { keptBudget, maskedCount, prunableCount } from '../lottery';
import { initParams } from '../core/params';
import { generateTask } from '../core/task';
import type { Clause, Shape } from '../core/types';
import { distanceProbe } from './distance';
import { paramsFrom } from './probeFixtures';
import { motionProbe } from './motion';

const defaults: Shape = { n: 24, m: 16, K: 12 };

const positive: Clause = { inputs: [0, 1, 2], template: [1, 1, 1] };
const shape2: Shape = { n: 6, m: 2, K: 1 };

describe('motionProbe', () => {
  it('keeps exactly the budget at every sparsity, including budgets below one location', () => {
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 3);
    const init = initParams(defaults, 7);
    const atS = initParams(defaults, 8);
    const budgets = [0.5, 0.7, 0.8, 0.9, 0.95].map((s) => keptBudget(s, defaults));
    for (const kept of [...budgets, prunableCount(defaults), 0, 3]) {
      expect(maskedCount(motionProbe(init, atS, task.clauses, defaults, 0.3, 0.5, kept).masks), `kept=${kept}`).toBe(kept);
    }
  });

  it('ranks by the current distance d_s, where the distance probe ranks by d_0', () => {
    // Row 0: d_0 = 0 but d_s = 1 (drifted away); row 1: d_0 = 2, d_s = 0 (moved onto the code).
    const init = paramsFrom(
      [
        [1, 1, 1, 0, 0, 1],
        [1, -1, -1, 0, 0, 1],
      ],
      1,
    );
    const atS = paramsFrom(
      [
        [1, 1, 0, 0, 0, 1],
        [1, 1, 1, 0, 0, 1],
      ],
      1,
    );
    expect(distanceProbe(init, [positive], shape2, 0.5, 0.5, 0).choices[0].row).toBe(0);
    const [choice] = motionProbe(init, atS, [positive], shape2, 0.5, 0.5, 0).choices;
    expect(choice).toMatchObject({ row: 1, key: 0, d0: 2 });
    expect(choice.motion).toBeGreaterThan(0);
  });

  it('breaks a tie in d_s by more motion toward the code, not by the smaller d̃_s', () => {
    // τσ = 0.5: the third literal's term is 1 − 2w. Both rows end at d_s = 1.
    // Row 0: w 0.2 → 0.3, d̃ 0.6 → 0.4 (motion 0.2). Row 1: w −0.5 → 0.1, d̃ 2 → 0.8 (motion 1.2).
    const init = paramsFrom(
      [
        [1, 1, 0.2, 0, 0, 1],
        [1, 1, -0.5, 0, 0, 1],
      ],
      1,
    );
    const atS = paramsFrom(
      [
        [1, 1, 0.3, 0, 0, 1],
        [1, 1, 0.1, 0, 0, 1],
      ],
      1,
    );
    const now = distances(atS.W1, 2, 6, [positive], 0.5);
    expect(Array.from(now.d)).toEqual([1, 1]);
    expect(now.dTilde[0]).toBeLessThan(now.dTilde[1]); // a (d_s, d̃_s) key would take row 0
    const [choice] = motionProbe(init, atS, [positive], shape2, 0.5, 0, 0).choices;
    expect(choice.row).toBe(1);
    expect(choice.key).toBe(1);
    expect(choice.motion).toBeCloseTo(1.2, 5);
    expect(choice.dTilde0).toBeCloseTo(2, 5);
  });

  it('orders clauses by their best key at s, so the clause nearer at s takes a contested row', () => {
    const clauses: Clause[] = [
      { inputs: [0, 1, 2], template: [1, 1, 1] },
      { inputs: [2, 3, 4], template: [-1, 1, 1] }, // conflicts with clause 0 on input 2
    ];
    const shape: Shape = { n: 6, m: 1, K: 2 };
    const init = paramsFrom([[1, 1, 1, 0, 0, 1]], 2); // clause 0 at d_0 = 0, clause 1 at d_0 = 3
    const atS = paramsFrom([[1, 1, -1, 1, 1, 1]], 2); // clause 0 at d_s = 1, clause 1 at d_s = 0
    expect(distanceProbe(init, clauses, shape, 0.5, 0.5, 0).choices.map((ch) => [ch.clause, ch.row])).toEqual([
      [0, 0],
      [1, null],
    ]);
    const { choices } = motionProbe(init, atS, clauses, shape, 0.5, 0.5, 0);
    expect(choices.map((ch) => [ch.clause, ch.row])).toEqual([
      [1, 0],
      [0, null],
    ]);
    expect(choices[1].avoided).toEqual([{ row: 0, clause: 1 }]);
  });

  it('fills by |θ_0|, not by |θ_s|', () => {
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 4);
    const init = initParams(defaults, 6);
    const atS = initParams(defaults, 6);
    atS.W1.forEach((w, i) => (atS.W1[i] = w + (i % 7 === 0 ? 5 : 0))); // |θ_s| ranks differently, distances barely move
    atS.W2.forEach((w, i) => (atS.W2[i] = i % 5 === 0 ? 9 : w));
    const kept = keptBudget(0.8, defaults);
    const { masks, locationWeights } = motionProbe(init, atS, task.clauses, defaults, 0.3, 0.5, kept);
    const base = motionProbe(init, atS, task.clauses, defaults, 0.3, 0.5, locationWeights).masks;
    const filled: number[] = [];
    const left: number[] = [];
    for (const layer of ['W1', 'W2'] as const) {
      init[layer].forEach((w, f) => {
        if (!base[layer][f]) (masks[layer][f] ? filled : left).push(Math.abs(w));
      });
    }
    expect(filled.length).toBe(kept - locationWeights);
    expect(Math.min(...filled)).toBeGreaterThanOrEqual(Math.max(...left));
  });

  it('reports no motion and keys equal to d_0 when θ_s = θ_0, as the distance probe does', () => {
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 9);
    const init = initParams(defaults, 10);
    const a = motionProbe(init, init, task.clauses, defaults, 0.3, 0.5, 100);
    const b = distanceProbe(init, task.clauses, defaults, 0.3, 0.5, 100);
    expect(a.choices.every((ch) => ch.motion === 0)).toBe(true);
    expect(a.choices.map((ch) => ch.key)).toEqual(a.choices.map((ch) => ch.d0));
    expect(b.choices.every((ch) => ch.motion === 0 && ch.key === ch.d0)).toBe(true);
  });
});
