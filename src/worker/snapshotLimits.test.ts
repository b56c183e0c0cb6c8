import { describe, expect, it } from 'vitest';
import { buildExperiment } from '../engine/core/experiment';
import { comparisonPlan, lotteryPlan } from '../engine/labs/labPlan';
import { RunHistory } from './runHistory';
import {
  comparisonLimitProblem,
  LAB_MEMORY_BUDGET_BYTES,
  lotteryLimitProblem,
  MAX_SNAPSHOTS,
  MIN_SNAPSHOT_CAP,
  RUN_MEMORY_BUDGET_BYTES,
  runMemoryBytes,
  SNAPSHOT_BUDGET_BYTES,
  snapshotBytes,
  snapshotCap,
  snapshotsScored,
} from '../settings/limits';
import { DEFAULTS, experimentConfig, featureSettings, SCHEMA, type Settings } from '../settings/settings';

const LARGEST = { n: SCHEMA.n.max, m: SCHEMA.m.max, K: SCHEMA.K.max };
const LOTTERY = { mode: 'imp' as const, sparsities: [0.5, 0.7, 0.8, 0.9], rewindStep: 0, seeds: [2] };
const COMPARISON = { methods: ['distance', 'motion', 'random', 'magnitude-init', 'snip', 'grasp', 'synflow', 'oneshot', 'imp'], sparsities: [0.5, 0.7, 0.8, 0.9], seeds: [2, 3, 4, 5, 6] };

describe('the snapshot cap', () => {
  it('keeps 5,000 snapshots of the default model, fewer of a large one, and fits the budget', () => {
    expect(snapshotCap({ n: 24, m: 16, K: 12 })).toBe(MAX_SNAPSHOTS);
    const largest = snapshotCap(LARGEST);
    expect(largest).toBeGreaterThanOrEqual(MIN_SNAPSHOT_CAP);
    expect(largest).toBeLessThan(MAX_SNAPSHOTS);
    expect(largest * snapshotBytes(LARGEST)).toBeLessThanOrEqual(SNAPSHOT_BUDGET_BYTES);
    expect((largest + 1) * snapshotBytes(LARGEST)).toBeGreaterThan(SNAPSHOT_BUDGET_BYTES);
  });

  it('bounds the snapshots a run scores from above, as the history really takes them', () => {
    const tiny = { ...DEFAULTS, n: 4, K: 1, k: 1, m: 2 };
    const experiment = buildExperiment(experimentConfig(tiny));
    for (const [steps, every, cap] of [
      [400, 1, 50],
      [400, 7, 50],
      [100, 1, 200],
      [5000, 3, 64],
    ]) {
      const h = new RunHistory(experiment, featureSettings(tiny), every, cap);
      let scored = 0;
      for (let step = 0; step <= steps; step++) {
        if (step % h.stride === 0 || step === steps) {
          h.keep(step, experiment.init);
          scored++;
        }
      }
      const bound = snapshotsScored(steps, every, cap);
      expect(bound).toBeGreaterThanOrEqual(scored);
      expect(bound).toBeLessThan(scored * 1.2 + 2);
    }
  });
});

describe('a dense run at the limits', () => {
  it('fits its memory budget with every setting at its maximum', () => {
    const worst = Object.fromEntries(Object.entries(SCHEMA).map(([k, f]) => [k, 'max' in f ? f.max : f.default])) as Settings;
    expect(runMemoryBytes(worst)).toBeLessThanOrEqual(RUN_MEMORY_BUDGET_BYTES);
  });
});

describe('lab requests at the limits', () => {
  it('lets the default lottery sweep and the default comparison run', () => {
    expect(lotteryLimitProblem(DEFAULTS, LOTTERY)).toBeNull();
    expect(comparisonLimitProblem(DEFAULTS, COMPARISON)).toBeNull();
  });

  it('counts the networks each lab trains at once: one-shot every level together, IMP one level at a time', () => {
    const shape = { n: 24, m: 16, K: 12 };
    expect(lotteryPlan(shape, 3000, { ...LOTTERY, mode: 'oneshot', seeds: [2, 3] }).modelsAtOnce).toBe(2 * 4 * 3);
    expect(lotteryPlan(shape, 3000, { ...LOTTERY, seeds: [2, 3] }).modelsAtOnce).toBe(2 * 3);
    expect(lotteryPlan(shape, 3000, { ...LOTTERY, mode: 'oneshot', rewindStep: 1000 }).modelSteps).toBe(4 * 3 * 2000);
    expect(comparisonPlan(shape, 3000, COMPARISON).modelsAtOnce).toBe(9);
    expect(comparisonPlan(shape, 3000, { ...COMPARISON, methods: ['imp'] }).modelsAtOnce).toBe(5);
  });

  it('refuses a lab whose networks at once would not fit in memory, saying what to choose', () => {
    const big: Settings = { ...DEFAULTS, ...LARGEST, batch: 4096, steps: 1000 };
    const oneshot = { mode: 'oneshot' as const, sparsities: [0.5, 0.7, 0.8, 0.9, 0.95], rewindStep: 0, seeds: [2, 3, 4, 5, 6] };
    expect(lotteryLimitProblem(big, oneshot)).toMatch(
      new RegExp(`^This would train 75 networks at once \\(about \\d+ MiB at batch 4096\\), over the lab's ${LAB_MEMORY_BUDGET_BYTES / 2 ** 20} MiB: choose fewer seeds or sparsities`),
    );
    expect(lotteryLimitProblem(big, { ...oneshot, seeds: [2] })).toBeNull();
  });

  it('refuses a lab with too much work, naming the choices and the run length', () => {
    const large: Settings = { ...DEFAULTS, ...LARGEST, steps: 50000 };
    expect(comparisonLimitProblem(large, COMPARISON)).toMatch(
      /model-steps \(\d+ trillion multiply-adds\), over the lab limit of 10 trillion: choose fewer methods, sparsities or seeds, or train a shorter dense run \(Steps\)\.$/,
    );
    expect(comparisonLimitProblem({ ...large, steps: 3000 }, { ...COMPARISON, seeds: [2] })).toBeNull();
  });
});
