import { describe, expect, it } from 'vitest';
import { specCodes, specReexpression } from '../../testing/specReference';
import { analyzeRun } from '../analysis/runAnalysis';
import { buildExperiment } from '../core/experiment';
import { createTrainer } from '../trainers/createTrainer';
import { LotteryExperiment } from './lotteryExperiment';
import { rederive } from './rederive';

const FS = { tau: 0.3, tauOut: 0.25, r: 1, precursorNeedsReadout: false };
const exp = buildExperiment({
  task: { n: 12, K: 4, k: 3, p: 0.5, q: 0.3 },
  train: { m: 8, optimizer: 'adam', lr: 0.01, adamEpsilon: 1e-7, batch: 64, steps: 400 },
  seeds: { task: 1, init: 2, data: 3, test: 4 },
});

describe('re-deriving lab numbers at new analysis settings', () => {
  const t = createTrainer('fused-js', { task: exp.task, train: exp.config.train, dataSeed: 3, init: exp.init, masks: null, startStep: 0 });
  t.train(400);
  const final = t.params();
  const a = analyzeRun(
    [
      { step: 0, params: exp.init },
      { step: 400, params: final },
    ],
    exp.shape,
    exp.task.clauses,
    FS,
  );
  const own = { seed: 2, dataSeed: 3, init: exp.init, atRewind: exp.init, final, finalCodes: a.finalCodes, ...exp.evaluator.evaluate(final) };
  const lab = new LotteryExperiment('fused-js', exp, own, FS, { mode: 'oneshot', scope: 'global', sparsities: [0.5, 0.8], rewindStep: 0, seeds: [2, 6] });
  while (!lab.finished) lab.advance(50);

  it('gives, at τ 0.6, exactly what the SPEC computes from the same weights at τ 0.6', () => {
    const at = { ...FS, tau: 0.6, tauOut: 0.3 };
    const { dense, results } = rederive(lab.denseRuns, lab.results, exp, at);
    for (const d of dense) expect(d.finalCodes).toEqual(specCodes(d.final, exp.shape, exp.task.clauses, 0.6, 0.3));
    let changed = 0;
    results.forEach((r, i) => {
      const codes = specCodes(r.final, exp.shape, exp.task.clauses, 0.6, 0.3);
      const denseCodes = dense.find((d) => d.seed === r.seed)!.finalCodes;
      expect(r.codes).toEqual(codes);
      expect(r.reexpression).toEqual(specReexpression(codes, denseCodes));
      expect(r.codeRecovery).toBe(codes.filter((x) => x.length > 0).length / 4);
      // Everything else is the result as it was: same weights, accuracy, mask.
      expect(r.balancedAccuracy).toBe(lab.results[i].balancedAccuracy);
      expect(r.masks).toBe(lab.results[i].masks);
      if (JSON.stringify(r.codes) !== JSON.stringify(lab.results[i].codes)) changed++;
    });
    // The threshold matters for some of them, or this test would show nothing.
    expect(changed).toBeGreaterThan(0);
  });

  it('gives back the same numbers at the settings the lab ran with', () => {
    const { dense, results } = rederive(lab.denseRuns, lab.results, exp, FS);
    expect(dense.map((d) => d.finalCodes)).toEqual(lab.denseRuns.map((d) => d.finalCodes));
    expect(results.map((r) => [r.codes, r.reexpression])).toEqual(lab.results.map((r) => [r.codes, r.reexpression]));
  });
});
