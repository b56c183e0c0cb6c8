import { describe, expect, it } from 'vitest';
import { buildExperiment } from '../core/experiment';
import { maxAbsDiff } from '../core/params';
import { createTrainer } from '../trainers/createTrainer';
import { specCodes } from '../../testing/specReference';
import { SeedSweep } from './seedSweep';

const FS = { tau: 0.3, tauOut: 0.25, r: 1, precursorNeedsReadout: false };
const exp = buildExperiment({
  task: { n: 12, K: 4, k: 3, p: 0.5, q: 0.3 },
  train: { m: 8, optimizer: 'adam', lr: 0.01, adamEpsilon: 1e-7, batch: 64, steps: 120 },
  seeds: { task: 1, init: 2, data: 3, test: 4 },
});

function alone(seed: number, dataSeed: number) {
  const init = buildExperiment({ ...exp.config, seeds: { ...exp.config.seeds, init: seed } }).init;
  const t = createTrainer('fused-wasm', { task: exp.task, train: exp.config.train, dataSeed, init, masks: null, startStep: 0 });
  t.train(120);
  return { init, final: t.params() };
}

describe('claims across seeds: the seed sweep', () => {
  const main = { seed: 2, dataSeed: 3, ...alone(2, 3), balancedAccuracy: 0, exactMatch: 0 };
  const sweep = new SeedSweep('fused-wasm', exp, main, [2, 5, 9, 5]);
  while (!sweep.finished) sweep.advance(50);

  it('trains each extra seed together, exactly as it would train alone on its own data stream', () => {
    expect(sweep.runs.map((r) => [r.seed, r.dataSeed])).toEqual([
      [2, 3],
      [5, 6],
      [9, 10],
    ]);
    for (const r of sweep.runs.slice(1)) {
      const ref = alone(r.seed, r.dataSeed);
      expect(maxAbsDiff(r.init, ref.init)).toBe(0);
      expect(maxAbsDiff(r.final, ref.final)).toBeLessThanOrEqual(1e-6);
    }
    expect(sweep.progress().done).toBe(sweep.progress().total);
  });

  it('pools claim 1 over every seed, from codes recomputed by the SPEC', () => {
    const c = sweep.claimsAt(FS);
    expect(c.seeds).toEqual([2, 5, 9]);
    const finals = sweep.runs.map((r) => specCodes(r.final, exp.shape, exp.task.clauses, FS.tau, FS.tauOut));
    const codes = finals.reduce((a, f) => a + f.reduce((b, rows) => b + rows.length, 0), 0);
    expect(c.proximity.byD0.reduce((a, b) => a + b.codes, 0)).toBe(codes);
    expect(c.proximity.byD0.reduce((a, b) => a + b.locations, 0)).toBe(3 * 8 * 4);
    // A stricter τ re-derives the numbers from the same weights, without training.
    const strict = sweep.claimsAt({ ...FS, tau: 0.6 });
    const strictCodes = sweep.runs.map((r) => specCodes(r.final, exp.shape, exp.task.clauses, 0.6, FS.tauOut)).reduce((a, f) => a + f.reduce((b, rows) => b + rows.length, 0), 0);
    expect(strict.proximity.byD0.reduce((a, b) => a + b.codes, 0)).toBe(strictCodes);
  });
});
