import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../analysis/runAnalysis';
import { createTrainer } from '../trainers/createTrainer';
import { buildExperiment } from '../core/experiment';
import { impSchedule, keptBudget, prunableCount } from '../lottery';
import { LotteryExperiment, type DenseRun, type LotterySettings } from './lotteryExperiment';
import { maxAbsDiff } from '../core/params';
import { testSet } from '../core/task';
import type { Params } from '../core/types';
import { specCodes, specReexpression, specScores } from '../../testing/specReference';

const FS = { tau: 0.3, tauOut: 0.25, r: 1, precursorNeedsReadout: false };
const exp = buildExperiment({
  task: { n: 12, K: 4, k: 3, p: 0.5, q: 0.3 },
  train: { m: 8, optimizer: 'adam', lr: 0.01, adamEpsilon: 1e-7, batch: 64, steps: 200 },
  seeds: { task: 1, init: 2, data: 3, test: 4 },
});

function denseRun(rewindStep: number): DenseRun {
  const t = createTrainer('fused-js', { task: exp.task, train: exp.config.train, dataSeed: 3, init: exp.init, masks: null, startStep: 0 });
  const snaps: { step: number; params: Params }[] = [{ step: 0, params: t.params() }];
  t.train(rewindStep);
  const atRewind = t.params();
  if (rewindStep > 0) snaps.push({ step: rewindStep, params: atRewind });
  t.train(200 - rewindStep);
  const final = t.params();
  snaps.push({ step: 200, params: final });
  const m = exp.evaluator.evaluate(final);
  const a = analyzeRun(snaps, exp.shape, exp.task.clauses, FS);
  return { seed: 2, dataSeed: 3, init: exp.init, atRewind, final, finalCodes: a.finalCodes, balancedAccuracy: m.balancedAccuracy, exactMatch: m.exactMatch };
}

function runToEnd(settings: LotterySettings, backend = 'fused-wasm') {
  const lab = new LotteryExperiment(backend, exp, denseRun(settings.rewindStep), FS, settings);
  let guard = 0;
  while (!lab.finished && guard++ < 100000) lab.advance(16);
  return lab;
}

describe('the lottery lab', () => {
  const total = prunableCount(exp.shape);

  it('runs IMP through every target with ticket and two controls per round, each keeping exactly its budget', () => {
    const lab = runToEnd({ mode: 'imp', scope: 'global', sparsities: [0.5, 0.8], rewindStep: 0, seeds: [2] });
    const schedule = impSchedule(total, [keptBudget(0.5, exp.shape), keptBudget(0.8, exp.shape)]);
    expect(lab.results).toHaveLength(schedule.length * 3);
    const data = testSet(exp.task, exp.config.seeds.test);
    expect(lab.denseRuns[0].finalCodes).toEqual(specCodes(lab.denseRuns[0].final, exp.shape, exp.task.clauses, FS.tau, FS.tauOut));
    expect([...new Set(lab.results.map((r) => r.kept))]).toEqual(schedule);
    for (const r of lab.results) {
      expect(r.masks.W1.reduce((a, v) => a + v, 0) + r.masks.W2.reduce((a, v) => a + v, 0)).toBe(r.kept);
      r.final.W1.forEach((v, i) => r.masks.W1[i] === 0 && expect(v === 0).toBe(true));
      r.final.W2.forEach((v, i) => r.masks.W2[i] === 0 && expect(v === 0).toBe(true));
      // Recomputed from the retrained weights by the SPEC's own arithmetic.
      const ref = specScores(r.final, data, exp.shape);
      expect(ref.clausesWithBothClasses).toBe(exp.shape.K);
      expect(r.balancedAccuracy).toBeCloseTo(ref.balancedAccuracy, 9);
      const codes = specCodes(r.final, exp.shape, exp.task.clauses, FS.tau, FS.tauOut);
      expect(r.codes).toEqual(codes);
      expect(r.reexpression).toEqual(specReexpression(codes, lab.denseRuns[0].finalCodes));
    }
    expect(lab.results.filter((r) => r.target).map((r) => r.kept)).toEqual(
      Array(3)
        .fill(keptBudget(0.5, exp.shape))
        .concat(Array(3).fill(keptBudget(0.8, exp.shape))),
    );
    const p = lab.progress();
    expect(p.done).toBe(p.total);
    // IMP: each round's ticket mask lies inside the previous round's.
    const tickets = lab.results.filter((r) => r.method === 'ticket');
    for (let i = 1; i < tickets.length; i++) tickets[i].masks.W1.forEach((v, k) => v && expect(tickets[i - 1].masks.W1[k]).toBe(1));
  });

  it('retrains a rewound ticket exactly as a single trainer would, from data step k_r', () => {
    const lab = runToEnd({ mode: 'oneshot', scope: 'global', sparsities: [0.7], rewindStep: 50, seeds: [2] });
    const ticket = lab.results.find((r) => r.method === 'ticket')!;
    const dense = lab.denseRuns[0];
    const init = { ...dense.atRewind, W1: dense.atRewind.W1.map((v, i) => (ticket.masks.W1[i] ? v : 0)), W2: dense.atRewind.W2.map((v, i) => (ticket.masks.W2[i] ? v : 0)) };
    const single = createTrainer('fused-wasm', { task: exp.task, train: exp.config.train, dataSeed: 3, init, masks: ticket.masks, startStep: 50 });
    single.train(150);
    expect(maxAbsDiff(single.params(), ticket.final)).toBeLessThanOrEqual(1e-6);
    expect(ticket.rewindStep).toBe(50);
  });

  it('trains extra seeds their own dense runs first and judges each ticket against its own seed', () => {
    const lab = runToEnd({ mode: 'oneshot', scope: 'layerwise', sparsities: [0.5], rewindStep: 0, seeds: [2, 7] });
    expect(lab.denseRuns.map((d) => d.seed)).toEqual([2, 7]);
    // Seed 7 trains on its own data: seedData 3 + (7 − seedInit 2), not the data seed 7 = seed.
    expect(lab.denseRuns[1].dataSeed).toBe(8);
    expect(maxAbsDiff(lab.denseRuns[1].final, lab.denseRuns[0].final)).toBeGreaterThan(0);
    expect(lab.results.map((r) => `${r.seed}:${r.method}`).sort()).toEqual(['2:random-mask', '2:reinit', '2:ticket', '7:random-mask', '7:reinit', '7:ticket']);
  });

  it('keeps the finished phases when stopped half way', () => {
    const lab = new LotteryExperiment('fused-wasm', exp, denseRun(0), FS, { mode: 'imp', scope: 'global', sparsities: [0.7], rewindStep: 0, seeds: [2] });
    while (lab.results.length < 3) lab.advance(16);
    lab.advance(16);
    const kept = lab.results.length;
    lab.dispose();
    expect(lab.finished).toBe(true);
    expect(lab.results).toHaveLength(kept);
    expect(kept).toBe(3);
  });
});
