/** The lab schema: its defaults are the forms' old ones and lie in their ranges, and it names the first problem of a request. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METHOD_IDS } from '../engine/probes/registry';
import {
  LAB_FIELDS,
  LAB_SCHEMA,
  comparisonProblem,
  labFieldProblem,
  labFormDefaults,
  lotteryProblem,
  type ComparisonRequest,
  type LabEntry,
  type LabKey,
  type LabRun,
  type LotteryRequest,
} from './labSchema';
import { DEFAULTS } from './settings';

const LOTTERY: LotteryRequest = { mode: 'oneshot', scope: 'global', sparsities: [0.5], rewindStep: 0, seeds: [2] };
const COMPARISON: ComparisonRequest = { methods: ['random'], sparsities: [0.5], seeds: [2], lambda: 0.5, motionSteps: 10 };
/** A finished run of 100 steps with a snapshot every 10. */
const RUN: LabRun = { settings: { ...DEFAULTS, steps: 100, snapshotEvery: 10 }, hasSnapshot: (step) => step % 10 === 0 && step <= 100 };

describe('the lab schema defaults', () => {
  it('are the lab forms the app started with before the schema', () => {
    expect(labFormDefaults('lottery')).toEqual({ mode: 'imp', scope: 'global', sparsities: [0.5, 0.7, 0.8, 0.9], rewindStep: 0, eps: 0.01, seedCount: 1 });
    expect(labFormDefaults('comparison')).toEqual({ methods: [...METHOD_IDS], sparsities: [0.5, 0.7, 0.8, 0.9], seedCount: 5, lambda: 0.5, motionSteps: 50 });
  });

  it('give each form fresh lists, so editing one form never edits the schema', () => {
    const form = labFormDefaults('comparison');
    form.sparsities.push(0.95);
    form.methods.pop();
    expect(LAB_SCHEMA.sparsities.default).toEqual([0.5, 0.7, 0.8, 0.9]);
    expect(labFormDefaults('comparison').methods).toHaveLength(METHOD_IDS.length);
  });

  it('lie inside their own ranges and options, and each form offers its default', () => {
    for (const key of Object.keys(LAB_SCHEMA) as LabKey[]) {
      const f: LabEntry = LAB_SCHEMA[key];
      if (f.kind === 'seeds') {
        for (const c of Object.values(f.counts)) expect(c.options.includes(c.default) && Math.max(...c.options) <= f.maxCount, key).toBe(true);
      } else if (f.kind === 'choice' || f.kind === 'int' || f.kind === 'number') {
        expect(labFieldProblem(key, f.default), key).toBeNull();
        if ('options' in f && f.options) for (const o of f.options) expect(labFieldProblem(key, o), `${key} option ${o}`).toBeNull();
      } else if (f.kind === 'fractions' || f.kind === 'methods') {
        const list: readonly (number | string)[] = f.default;
        expect(labFieldProblem(key, [...list]), key).toBeNull();
        expect(
          list.every((v) => (f.options as readonly (number | string)[]).includes(v)),
          key,
        ).toBe(true);
      }
    }
  });

  it('turn into requests that pass, once the seeds are listed', () => {
    const { eps: _eps, seedCount: _l, ...lottery } = labFormDefaults('lottery');
    const { seedCount: _c, ...comparison } = labFormDefaults('comparison');
    expect(lotteryProblem({ ...lottery, seeds: [2] }, RUN)).toBeNull();
    expect(comparisonProblem({ ...comparison, motionSteps: 10, seeds: [2] })).toBeNull();
  });
});

describe('the lab schema messages', () => {
  it.each([
    ['lambda', 10.5, undefined, 'λ must be between 0 and 10.'],
    ['lambda', Number.NaN, undefined, 'λ must be between 0 and 10.'],
    ['eps', -0.01, undefined, 'ε must be between 0 and 0.5.'],
    ['motionSteps', 0, undefined, 'The motion window must be 1 to 49999 steps.'],
    ['motionSteps', 100, 100, 'The motion window must be 1 to 99 steps.'],
    ['motionSteps', 2.5, 100, 'The motion window must be 1 to 99 steps.'],
    ['rewindStep', 100, 100, 'The rewind step must come before the last step.'],
    ['mode', 'greedy', undefined, 'Pruning must be iterative (imp) or one-shot.'],
    ['scope', 'rowwise', undefined, 'Magnitude must be global or layer-wise.'],
    ['sparsities', [], undefined, 'Choose at least one sparsity.'],
    ['sparsities', [0.5, 1], undefined, 'Sparsities must be between 0 and 1.'],
    ['sparsities', [0.5, 0.5], undefined, 'Choose at most 5 distinct sparsities.'],
    ['seeds', [3, 3], undefined, 'Seeds must be distinct.'],
    ['seeds', [1, 2, 3, 4, 5, 6], undefined, 'Choose at most 5 seeds.'],
    ['seeds', [-1], undefined, 'Seeds must be whole numbers from 0 to 2^31 - 1.'],
    ['methods', [], undefined, 'Choose at least one method.'],
    ['methods', ['snip', 'oracle'], undefined, `Methods must be distinct, from ${METHOD_IDS.join(', ')}.`],
  ] as [LabKey, unknown, number | undefined, string][])('%s = %j (run of %s steps): “%s”', (key, value, lastStep, message) => {
    expect(labFieldProblem(key, value, lastStep)).toBe(message);
  });

  it('holds the motion window and the rewind step below the run’s last step only when the run is known', () => {
    expect(labFieldProblem('motionSteps', 200)).toBeNull();
    expect(labFieldProblem('motionSteps', 99, 100)).toBeNull();
    expect(comparisonProblem({ ...COMPARISON, motionSteps: 200 })).toBeNull();
    expect(comparisonProblem({ ...COMPARISON, motionSteps: 200 }, RUN)).toBe('The motion window must be 1 to 99 steps.');
  });
});

describe('a lab request against the run', () => {
  it('names the first problem in the order of LAB_FIELDS', () => {
    expect(LAB_FIELDS.lottery.slice(0, 5)).toEqual(['sparsities', 'rewindStep', 'seeds', 'mode', 'scope']);
    const bad = { ...LOTTERY, sparsities: [], seeds: [1, 1], mode: 'greedy' } as unknown as LotteryRequest;
    expect(lotteryProblem(bad, RUN)).toBe('Choose at least one sparsity.');
    expect(lotteryProblem({ ...bad, sparsities: [0.5] }, RUN)).toBe('Seeds must be distinct.');
    expect(comparisonProblem({ ...COMPARISON, methods: [], lambda: -1 }, RUN)).toBe('Choose at least one method.');
  });

  it('needs the rewind step to be a kept snapshot of the run, which only the run can say', () => {
    expect(lotteryProblem({ ...LOTTERY, rewindStep: 15 }, RUN)).toBe('Rewind step 15 has no kept snapshot; choose one on the timeline.');
    expect(lotteryProblem({ ...LOTTERY, rewindStep: 15 })).toBeNull();
    expect(lotteryProblem({ ...LOTTERY, rewindStep: 100 }, RUN)).toBe('The rewind step must come before the last step.');
  });

  it('holds the hard limits of limits.ts when the run is known', () => {
    const big: LabRun = { settings: { ...DEFAULTS, n: 128, m: 128, K: 64, batch: 4096, steps: 2, snapshotEvery: 1 }, hasSnapshot: () => true };
    const wide = { ...LOTTERY, sparsities: [0.5, 0.7, 0.8, 0.9, 0.95], seeds: [2, 3, 4, 5, 6] };
    expect(lotteryProblem(wide, big)).toMatch(/^This would train 75 networks at once/);
    expect(lotteryProblem(wide)).toBeNull();
    const many = { ...COMPARISON, methods: [...METHOD_IDS], sparsities: [0.5, 0.7, 0.8, 0.9, 0.95], seeds: [2, 3, 4, 5, 6] };
    expect(comparisonProblem(many, { ...big, settings: { ...big.settings, steps: 3000 } })).toMatch(/^This would train/);
  });
});

describe('the README lab settings table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const shown = (f: LabEntry): string =>
    f.kind === 'seeds'
      ? `${f.counts.lottery.default} (lottery), ${f.counts.comparison.default} (comparison)`
      : f.kind === 'methods' && f.default.length === f.options.length
        ? 'all'
        : Array.isArray(f.default)
          ? f.default.join(', ')
          : String(f.default);

  it('lists every lab setting with its current default', () => {
    for (const key of Object.keys(LAB_SCHEMA) as LabKey[]) {
      const row = readme.split('\n').find((line) => line.startsWith(`| lab \`${key}\` |`));
      expect(row, `README row for ${key}`).toBeDefined();
      expect(row!.split('|')[2].trim(), key).toBe(shown(LAB_SCHEMA[key]));
    }
  });
});
