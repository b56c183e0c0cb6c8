/**
 * The teaching presets show what their help text says: recomputed here with the engine, the
 * way the app computes it (one dense run on the fused-wasm step, analysed in feature space, then
 * the lottery lab), so a change to the engine that breaks a lesson fails this test.
 */
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../engine/analysis/runAnalysis';
import { createTrainer } from '../engine/trainers/createTrainer';
import { buildExperiment } from '../engine/core/experiment';
import { isWinning } from '../engine/lottery';
import { LotteryExperiment } from '../engine/labs/lotteryExperiment';
import { experimentConfig, featureSettings, presetHelp, presetSettings, type PresetId } from '../settings/settings';

function denseRun(id: PresetId) {
  const s = presetSettings(id);
  const exp = buildExperiment(experimentConfig(s));
  const trainer = createTrainer('fused-wasm', { task: exp.task, train: exp.config.train, dataSeed: s.seedData, init: exp.init, masks: null, startStep: 0 });
  trainer.train(s.steps);
  const final = trainer.params();
  trainer.dispose();
  const analysis = analyzeRun(
    [
      { step: 0, params: exp.init },
      { step: s.steps, params: final },
    ],
    exp.shape,
    exp.task.clauses,
    featureSettings(s),
  );
  return { s, exp, final, analysis, metrics: exp.evaluator.evaluate(final) };
}

describe('the teaching presets', () => {
  it('"A ticket that re-expresses on another row": the 50% one-shot ticket codes c7 on row 2, the dense run on rows 1 and 4', () => {
    const { s, exp, final, analysis, metrics } = denseRun('reexpress');
    expect(analysis.finalCodes.filter((rows) => rows.length > 0)).toHaveLength(12);
    expect(analysis.finalCodes[7]).toEqual([1, 4]);
    const lab = new LotteryExperiment(
      'fused-wasm',
      exp,
      { seed: s.seedInit, dataSeed: s.seedData, init: exp.init, atRewind: exp.init, final, finalCodes: analysis.finalCodes, ...metrics },
      featureSettings(s),
      { mode: 'oneshot', scope: 'global', sparsities: [0.5], rewindStep: 0, seeds: [s.seedInit] },
    );
    while (!lab.finished) lab.advance(500);
    const ticket = lab.results.find((r) => r.method === 'ticket')!;
    expect(ticket.kept).toBe(288);
    expect(ticket.codes[7]).toEqual([2]);
    expect(ticket.reexpression[7]).toBe('different-row');
    expect(isWinning(ticket.balancedAccuracy, metrics.balancedAccuracy, 0.01)).toBe(true);
    expect(presetHelp('reexpress')).toContain('c7 on rows 1 and 4');
    expect(presetHelp('reexpress')).toContain('codes c7 on row 2');
  });

  it('"More clauses than rows": every row starts crowded, and most precursors are rejected', () => {
    const { analysis } = denseRun('crowded');
    expect(Math.min(...analysis.crowd0)).toBeGreaterThanOrEqual(2);
    const rejected = analysis.precursors.filter((p) => p.outcome === 'rejected').length;
    expect(rejected).toBeGreaterThan(analysis.precursors.length / 2);
  });
});
