/**
 * The PyTorch anchor's pure JS (the bench itself, and its Python, never run in tests): the work
 * it hands Python matches the app's default comparison, and its report states the ratios and
 * targets, or plainly that the anchor did not run.
 */
import { describe, expect, it } from 'vitest';
import { anchorInput } from '../bench/anchorPlan';
import { ANCHOR_ABSENT, anchorSection, bestBatched, ratioText, type AnchorResult, type AppFigures } from '../bench/anchorReport';
import { generateTask } from '../src/engine/core/task';
import { comparisonPlan } from '../src/engine/labs/labPlan';
import { keptBudget } from '../src/engine/lottery';
import { labFormDefaults } from '../src/settings/labSchema';
import { DEFAULTS, experimentConfig } from '../src/settings/settings';

const trained = (phases: { seedOfModel: number[]; steps: number }[]) => phases.reduce((sum, p) => sum + p.seedOfModel.length * p.steps, 0);

describe('anchorInput', () => {
  it("hands Python the app's defaults and clauses, and phases that train exactly the default comparison's model-steps", () => {
    const input = anchorInput();
    const form = labFormDefaults('comparison');
    const shape = { n: DEFAULTS.n, m: DEFAULTS.m, K: DEFAULTS.K };
    const seeds = [DEFAULTS.seedInit, DEFAULTS.seedInit + 1, DEFAULTS.seedInit + 2, DEFAULTS.seedInit + 3, DEFAULTS.seedInit + 4];
    expect(input.settings).toEqual(DEFAULTS);
    expect(input.clauses).toEqual(generateTask(experimentConfig(DEFAULTS).task, DEFAULTS.seedTask).clauses);
    expect(input.comparison.seeds).toEqual(seeds);
    expect(trained(input.comparison.phases)).toBe(comparisonPlan(shape, DEFAULTS.steps, { ...form, seeds }).modelSteps);
    expect(input.comparison.modelSteps).toBe(trained(input.comparison.phases));
    // 9 methods x 4 sparsities x 5 seeds, each mask at its sparsity's budget.
    const retrains = input.comparison.phases.at(-1)!;
    expect(retrains.kept).toHaveLength(180);
    for (const s of form.sparsities) expect(retrains.kept.filter((k) => k === keptBudget(s, shape))).toHaveLength(45);
    for (let seed = 0; seed < 5; seed++) expect(retrains.seedOfModel.filter((i) => i === seed)).toHaveLength(36);
    // IMP rounds shrink every round and end at the sparsest budget.
    const imp = input.comparison.phases.filter((p) => p.imp).map((p) => p.kept[0]!);
    expect(imp.every((k, r) => r === 0 || k < imp[r - 1])).toBe(true);
    expect(imp.at(-1)).toBe(keptBudget(0.9, shape));
    expect(input.comparison.phases[0]).toMatchObject({ label: 'extra dense runs', seedOfModel: [1, 2, 3, 4], kept: [null, null, null, null] });
  });

  it('follows other lab choices: one seed and no IMP leave only the retrains', () => {
    const form = { ...labFormDefaults('comparison'), seedCount: 1, methods: ['random' as const, 'snip' as const], sparsities: [0.5, 0.8] };
    const settings = { ...DEFAULTS, steps: 500 };
    const input = anchorInput(settings, form);
    expect(input.comparison.phases.map((p) => p.label)).toEqual(['masked retrains']);
    expect(trained(input.comparison.phases)).toBe(comparisonPlan({ n: 24, m: 16, K: 12 }, 500, { ...form, seeds: [DEFAULTS.seedInit] }).modelSteps);
    expect(trained(input.comparison.phases)).toBe(2 * 2 * 500);
  });
});

const app: AppFigures = { fullRun: { steps: 3000, wallMs: 1500, backend: 'fused-wasm' }, comparison: { wallMs: 60_000, count: 180, backend: 'fused-wasm' } };
const single = {
  torch: '1.13',
  blas: 'libopenblas',
  threads: 1,
  steps: 3000,
  repeats: 3,
  stepsPerSecond: [700, 800, 900],
  median: 800,
  withEval: { every: 20, testSize: 8192, stepsPerSecond: [400, 500, 600], median: 500 },
};
const batch = (threads: number, wallSeconds: number) => ({ threads, wallSeconds, cpuSeconds: wallSeconds * threads * 0.9, modelSteps: 747_000, modelStepsPerSecond: 747_000 / wallSeconds });

describe('anchor report', () => {
  it('states the ratio and whether the 1.5x target is met', () => {
    expect(ratioText(2)).toBe('2.00× (target ≥ 1.5×: met)');
    expect(ratioText(1.5)).toBe('1.50× (target ≥ 1.5×: met)');
    expect(ratioText(1.2)).toBe('1.20× (target ≥ 1.5×: missed: 25% short)');
    expect(ratioText(Number.NaN)).toBe('—');
  });

  it('compares the app with PyTorch: 2,000 vs 800 steps/s, and 60 s vs the faster 120 s batched run', () => {
    const anchor: AnchorResult = { available: true, single, batched: [batch(1, 150), batch(2, 120)] };
    expect(bestBatched(anchor.batched)?.threads).toBe(2);
    const text = anchorSection(anchor, app);
    expect(text).toContain('| full default run | 2,000 steps/s (1.5 s for 3,000 steps, fused-wasm) | 800 steps/s (1 thread) | 2.50× (target ≥ 1.5×: met) |');
    expect(text).toContain("| the same, PyTorch with the app's bookkeeping | | 500 steps/s | 4.00× |");
    expect(text).toContain('| default probe comparison | 60.0 s (180 masks, fused-wasm) | 120.0 s (best of 1 thread and 2 threads) | 2.00× (target ≥ 1.5×: met) |');
    expect(text).toContain('1 thread 150.0 s (4,980 model-steps/s; CPU time 135.0 s); 2 threads 120.0 s (6,225 model-steps/s; CPU time 216.0 s)');
    expect(text).toContain('median of 3 fresh runs (700–900)');
  });

  it('says plainly when the anchor did not run, and gives no ratio', () => {
    const text = anchorSection({ available: false, reason: ANCHOR_ABSENT }, app);
    expect(ANCHOR_ABSENT).toBe('PyTorch anchor not run: python3 with torch not found — install python3-torch');
    expect(text).toContain(`**${ANCHOR_ABSENT}.**`);
    expect(text).toContain('full default run 2,000 steps/s');
    expect(text).not.toContain('×');
  });

  it('reports a failed script instead of a number, and keeps the batched run that finished', () => {
    const anchor: AnchorResult = { available: true, single: { error: 'torch exploded' }, batched: [{ error: 'killed' }, batch(2, 240)] };
    const text = anchorSection(anchor, app);
    expect(text).toContain('| full default run | 2,000 steps/s (1.5 s for 3,000 steps, fused-wasm) | failed: torch exploded | — |');
    expect(text).toContain('240.0 s (best of a failed run and 2 threads) | 4.00× (target ≥ 1.5×: met) |');
    expect(text).toContain('failed: killed; 2 threads 240.0 s');
  });
});
