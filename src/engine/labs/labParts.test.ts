import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../analysis/runAnalysis';
import { buildExperiment } from '../core/experiment';
import type { Params } from '../core/types';
import { createTrainer } from '../trainers/createTrainer';
import {
  type ComparisonOutput,
  type LotteryOutput,
  mergeComparison,
  mergeLottery,
  mergeSeeds,
  partLab,
  partOutput,
  runPart,
  type SeedsOutput,
  splitComparison,
  splitLottery,
  splitSeeds,
} from './labParts';
import { type DenseRun, LotteryExperiment, type LotterySettings } from './lotteryExperiment';
import { METHOD_IDS, ProbeComparison, type ComparisonSettings } from './probeComparison';
import { SeedSweep } from './seedSweep';
import * as tf from '../trainers/tf';

const FS = { tau: 0.3, tauOut: 0.25, r: 1, precursorNeedsReadout: false };
const STEPS = 120;
const exp = buildExperiment({
  task: { n: 12, K: 4, k: 3, p: 0.5, q: 0.3 },
  train: { m: 8, optimizer: 'adam', lr: 0.01, adamEpsilon: 1e-7, batch: 64, steps: STEPS },
  seeds: { task: 1, init: 2, data: 3, test: 4 },
});

/** The dense run on show (seed 2, data seed 3), with θ at the rewind step. */
function dense(rewindStep: number): DenseRun {
  const t = createTrainer('fused-wasm', { task: exp.task, train: exp.config.train, dataSeed: 3, init: exp.init, masks: null, startStep: 0 });
  t.train(rewindStep);
  const atRewind: Params = t.params();
  t.train(STEPS - rewindStep);
  const final = t.params();
  t.dispose();
  const snaps = [
    { step: 0, params: exp.init },
    { step: STEPS, params: final },
  ];
  const m = exp.evaluator.evaluate(final);
  return { seed: 2, dataSeed: 3, init: exp.init, atRewind, final, finalCodes: analyzeRun(snaps, exp.shape, exp.task.clauses, FS).finalCodes, ...m };
}

function toEnd<L extends { finished: boolean; advance(n: number): void; dispose(): void }>(lab: L, chunk = 16): L {
  while (!lab.finished) lab.advance(chunk);
  lab.dispose();
  return lab;
}

beforeAll(async () => {
  // SNIP and GraSP score masks with tfjs.
  await tf.setBackend('cpu');
});

describe('a lab split by seed and merged', () => {
  it('gives a comparison exactly the one-piece numbers, masks, weights and order, whatever order the parts run in', () => {
    const settings: ComparisonSettings = { methods: [...METHOD_IDS], sparsities: [0.5, 0.8], seeds: [2, 9, 11], lambda: 0.5, motionSteps: 20 };
    const { atRewind: _a, ...own } = dense(0);
    const whole = toEnd(new ProbeComparison('fused-wasm', exp, own, FS, settings));
    expect(whole.results).toHaveLength(9 * 2 * 3);
    const parts = splitComparison(settings, own);
    expect(parts.map((p) => [p.seed, p.own !== null])).toEqual([
      [2, true],
      [9, false],
      [11, false],
    ]);
    // Parts run last first, with another step chunk, as separate workers would.
    const outputs = [...parts].reverse().map((p) => runPart('fused-wasm', exp, FS, p, 7) as ComparisonOutput);
    const merged = mergeComparison(outputs, parts.length);
    // Same masks, final weights (bit for bit: toEqual compares numbers with Object.is), metrics, codes, choices, and order.
    expect(merged.results).toEqual(whole.results);
    expect(merged.seedRuns).toEqual(whole.seedRuns);
    expect(merged.results.map((r) => `${r.seed}|${r.sparsity}|${r.method}`)).toEqual(whole.results.map((r) => `${r.seed}|${r.sparsity}|${r.method}`));
    // The parts' progress totals add up to the one-piece lab's.
    const totals = parts.map((p) => toEnd(partLab('fused-wasm', exp, FS, p), 200).progress().total);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(whole.progress().total);
  });

  it('streams a comparison in order: only what the one-piece lab would have produced first', () => {
    const settings: ComparisonSettings = { methods: ['random', 'oneshot'], sparsities: [0.5, 0.8], seeds: [2, 9], lambda: 0.5, motionSteps: 20 };
    const { atRewind: _a, ...own } = dense(0);
    const [first, second] = splitComparison(settings, own);
    const secondDone = runPart('fused-wasm', exp, FS, second) as ComparisonOutput;
    // The first part has finished one (seed, sparsity) cell: its results show, the second part's wait.
    const lab = partLab('fused-wasm', exp, FS, first);
    while (lab.results.length === 0) lab.advance(16);
    const partial = partOutput(first, lab) as ComparisonOutput;
    lab.dispose();
    expect(partial.done).toBe(false);
    const merged = mergeComparison([secondDone, partial], 2);
    expect(merged.results).toEqual(partial.results);
    expect(merged.results.every((r) => r.seed === 2)).toBe(true);
    expect(merged.seedRuns.map((r) => r.seed)).toEqual([2, 9]);
    expect(mergeComparison([secondDone], 2)).toEqual({ seedRuns: [], results: [] });
    // Stopped early, the lab keeps everything found, in the one-piece order.
    const stopped = mergeComparison([secondDone, partial], 2, true);
    expect(stopped.results).toEqual([...partial.results, ...secondDone.results]);
    expect(mergeComparison([secondDone], 2, true)).toEqual({ seedRuns: secondDone.dense, results: secondDone.results });
  });

  for (const mode of ['imp', 'oneshot'] as const) {
    it(`gives a ${mode} lottery lab exactly the one-piece tickets, dense runs and order`, () => {
      const settings: LotterySettings = { mode, scope: 'global', sparsities: [0.5, 0.8], rewindStep: 20, seeds: [2, 5, 8] };
      const own = dense(20);
      const whole = toEnd(new LotteryExperiment('fused-wasm', exp, own, FS, settings));
      const parts = splitLottery(settings, own);
      const outputs = parts.map((p) => runPart('fused-wasm', exp, FS, p, 5) as LotteryOutput).reverse();
      const merged = mergeLottery(outputs, parts.length);
      expect(merged.results.length).toBeGreaterThanOrEqual(3 * 3 * 2);
      expect(merged.results).toEqual(whole.results);
      expect(merged.denseRuns).toEqual(whole.denseRuns);
      if (mode === 'imp') {
        // Round-major: every seed's round 1 before any round 2.
        expect(merged.results.slice(0, 9).map((t) => [t.round, t.seed])).toEqual([2, 5, 8].flatMap((s) => Array.from({ length: 3 }, () => [1, s])));
        // A part that is a round behind holds back every later round.
        const behind: LotteryOutput = { ...outputs[1], results: outputs[1].results.filter((t) => t.round === 1), done: false };
        expect(mergeLottery([outputs[0], behind, outputs[2]], 3).results).toEqual(whole.results.filter((t) => t.round === 1).concat(whole.results.filter((t) => t.round === 2 && t.seed === 2)));
        // Stopped early: every ticket found, in the one-piece order.
        expect(mergeLottery([outputs[0], behind, outputs[2]], 3, true).results).toEqual(whole.results.filter((t) => t.round === 1 || t.seed !== 5));
      }
    });
  }

  it('gives claims across seeds exactly the one-piece runs, once every part is done', () => {
    const { atRewind: _a, finalCodes: _c, ...main } = dense(0);
    const seeds = [2, 7, 3, 7];
    const whole = toEnd(new SeedSweep('fused-wasm', exp, main, seeds));
    const parts = splitSeeds(seeds, main);
    expect(parts.map((p) => p.seed)).toEqual([7, 3]);
    const outputs = parts.map((p) => runPart('fused-wasm', exp, FS, p) as SeedsOutput);
    expect(mergeSeeds(main, outputs, 2)).toEqual(whole.runs);
    expect(mergeSeeds(main, [outputs[0]], 2)).toEqual([main]);
    expect(mergeSeeds(main, [outputs[1]], 2, true)).toEqual([main, whole.runs[2]]);
  });
});
