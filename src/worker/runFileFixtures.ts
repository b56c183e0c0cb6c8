/**
 * Test-only fixtures shared by the run-file reader tests: a real run file (trained by the engine,
 * with lottery tickets, comparison results and extra seeds' runs in it), and an account of what
 * a loaded run must be, written independently of the parser, that every verdict is held to.
 */
import { expect } from 'vitest';
import { analyzeRun } from '../engine/analysis/runAnalysis';
import { createTrainer } from '../engine/trainers/createTrainer';
import { buildExperiment } from '../engine/core/experiment';
import { LotteryExperiment } from '../engine/labs/lotteryExperiment';
import { ProbeComparison, type SeedRun } from '../engine/labs/probeComparison';
import { parseRunFile } from '../engine/runFile/parse';
import { DEFAULTS, experimentConfig, featureSettings, isValidSettings, type Settings } from '../settings/settings';
import { exportRunText, importRunText, type ImportResult } from './runFileIO';
import { RunHistory } from './runHistory';

const SETTINGS: Settings = { ...DEFAULTS, n: 12, K: 5, k: 3, m: 8, lr: 0.01, batch: 64, steps: 200, snapshotEvery: 50, backend: 'fused-js' };

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A real run file of SETTINGS, as text and as parsed JSON. */
export function realRunFile(): { text: string; json: unknown } {
  const exp = buildExperiment(experimentConfig(SETTINGS));
  const fs = featureSettings(SETTINGS);
  const history = new RunHistory(exp, fs, SETTINGS.snapshotEvery);
  const t = createTrainer('fused-js', { task: exp.task, train: exp.config.train, dataSeed: SETTINGS.seedData, init: exp.init, masks: null, startStep: 0 });
  history.keep(0, t.params());
  for (let step = 50; step <= 200; step += 50) {
    t.train(50);
    history.keep(step, t.params());
  }
  const final = t.params();
  const a = analyzeRun(history.kept, exp.shape, exp.task.clauses, fs);
  const score = exp.evaluator.evaluate(final);
  const own: SeedRun = { seed: SETTINGS.seedInit, dataSeed: SETTINGS.seedData, init: exp.init, final, finalCodes: a.finalCodes, ...score };
  const lottery = new LotteryExperiment('fused-js', exp, { ...own, atRewind: exp.init }, fs, { mode: 'imp', scope: 'global', sparsities: [0.5], rewindStep: 0, seeds: [SETTINGS.seedInit] });
  while (!lottery.finished) lottery.advance(64);
  const cmp = new ProbeComparison('fused-js', exp, own, fs, { methods: ['distance', 'random'], sparsities: [0.8], seeds: [SETTINGS.seedInit, 9], lambda: 0.5, motionSteps: 20 });
  while (!cmp.finished) cmp.advance(64);
  const text = exportRunText(SETTINGS, 'fused-js', exp.task.clauses, history, true, {
    tickets: lottery.results,
    denseRuns: lottery.denseRuns,
    comparison: cmp.results,
    seedRuns: cmp.seedRuns,
  });
  return { text, json: JSON.parse(text) };
}

// ---- An independent account of what a loaded run must be. ----

const isInt = (x: unknown, lo: number, hi: number) => Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi;
const finite32 = (a: ArrayLike<number>) => Array.from(a).every((x) => Number.isFinite(x));

function expectShape(p: Json, n: number, m: number, K: number): void {
  expect(p.W1).toHaveLength(m);
  for (const row of p.W1) expect(row.length === n && row.every((x: number) => Number.isFinite(Math.fround(x)))).toBe(true);
  expect(p.b1.length === m && p.b1.every((x: number) => Number.isFinite(Math.fround(x)))).toBe(true);
  expect(p.W2).toHaveLength(K);
  for (const row of p.W2) expect(row.length === m && row.every((x: number) => Number.isFinite(Math.fround(x)))).toBe(true);
  expect(p.b2.length === K && p.b2.every((x: number) => Number.isFinite(Math.fround(x)))).toBe(true);
}

function expectCodes(codes: Json, m: number, K: number): void {
  expect(codes).toHaveLength(K);
  for (const rows of codes) expect(rows.every((j: unknown) => isInt(j, 0, m - 1))).toBe(true);
}

function expectWhole(r: Extract<ImportResult, { ok: true }>): void {
  const { settings, run } = r;
  expect(isValidSettings(settings)).toBe(true);
  const { n, K, k, m, steps } = settings;
  expect(run.config).toMatchObject({ n, K, k, m, steps });
  expect(run.clauses).toHaveLength(K);
  for (const c of run.clauses) {
    expect(c.inputs.length === k && c.inputs.every((i) => isInt(i, 0, n - 1)) && new Set(c.inputs).size === k).toBe(true);
    expect(c.template.length === k && c.template.every((s) => s === 1 || s === -1)).toBe(true);
  }
  expect(run.snapshots[0].step).toBe(0);
  run.snapshots.forEach((s, i) => {
    expect(isInt(s.step, 0, steps) && (i === 0 || s.step > run.snapshots[i - 1].step)).toBe(true);
    expect([s.params.W1.length, s.params.b1.length, s.params.W2.length, s.params.b2.length]).toEqual([m * n, m, K * m, K]);
    expect([s.params.W1, s.params.b1, s.params.W2, s.params.b2].every(finite32)).toBe(true);
  });
  const f: Json = run.file;
  const stepSet = new Set(run.snapshots.map((s) => s.step));
  for (const row of f.metrics) {
    expect(stepSet.has(row.step)).toBe(true);
    expect(Number.isFinite(row.loss) && row.loss >= 0).toBe(true);
    expect(row.balancedAccuracy >= 0 && row.balancedAccuracy <= 1 && row.exactMatch >= 0 && row.exactMatch <= 1).toBe(true);
  }
  const an = f.analysis;
  expectCodes(an.finalCodes, m, K);
  for (const p of [...an.precursors, ...an.recruited]) expect(isInt(p.row, 0, m - 1) && isInt(p.clause, 0, K - 1) && isInt(p.d0, 0, k)).toBe(true);
  expect(an.crowd0.length === m && an.crowd0.every((x: unknown) => isInt(x, 0, K))).toBe(true);
  expect(an.crowdT.length === m && an.crowdT.every((x: unknown) => isInt(x, 0, K))).toBe(true);
  expect(an.d0.length === m && an.d0.every((row: unknown[]) => row.length === K && row.every((x) => isInt(x, 0, k)))).toBe(true);
  for (const t of f.tickets) {
    expect(t.sparsity >= 0 && t.sparsity <= 1).toBe(true);
    expect(t.mask.W1.length === m && t.mask.W1.every((row: unknown[]) => row.length === n && row.every((x) => x === 0 || x === 1))).toBe(true);
    expect(t.mask.W2.length === K && t.mask.W2.every((row: unknown[]) => row.length === m && row.every((x) => x === 0 || x === 1))).toBe(true);
    expectShape(t.final, n, m, K);
    expectCodes(t.codes, m, K);
  }
  for (const s of f.seedRuns ?? []) {
    expectShape(s.init, n, m, K);
    expectShape(s.final, n, m, K);
    expectCodes(s.finalCodes, m, K);
  }
}

/** A message that names where: "Not a JSON file (...)", "the file: ...", or "a.b[3].c: ...". */
const PATH_MESSAGE = /^(Not a JSON file \(|the file: |[A-Za-z_$][\w$]*(\[\d+\]|\.[\w$]+)*: )/;

export function verdict(t: string): ImportResult {
  let parsed: ReturnType<typeof parseRunFile>;
  try {
    parsed = parseRunFile(t);
  } catch (e) {
    throw new Error(`parseRunFile threw ${String(e)}`);
  }
  const r = importRunText(t, 'auto');
  if (!parsed.ok) expect(r).toEqual(parsed);
  if (r.ok) expectWhole(r);
  else {
    expect(r.error).toMatch(PATH_MESSAGE);
    expect(r.error.length).toBeLessThan(400);
  }
  return r;
}
