/**
 * A run file is input from anyone. Mutations of a real one (trained by the engine, with
 * lottery tickets, comparison results and extra seeds' runs in it) must never make the reader
 * throw: it either refuses with a message that starts with the path of the first problem, or
 * gives a run that is whole and consistent (checked here independently of the parser).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeRun } from '../engine/analysis/runAnalysis';
import { createTrainer } from '../engine/trainers/createTrainer';
import { buildExperiment } from '../engine/core/experiment';
import { LotteryExperiment } from '../engine/labs/lotteryExperiment';
import { ProbeComparison, type SeedRun } from '../engine/labs/probeComparison';
import { MAX_RUN_FILE_BYTES } from '../engine/runFile/format';
import { parseRunFile } from '../engine/runFile/parse';
import { DEFAULTS, experimentConfig, featureSettings, isValidSettings, type Settings } from '../settings/settings';
import { importRunText, type ImportResult } from './runFileIO';
import { exportRunText } from './runFileIO';
import { RunHistory } from './runHistory';
import { fuzzRuns } from '../testing/fuzzRuns';

const RUNS = fuzzRuns(300);
const SETTINGS: Settings = { ...DEFAULTS, n: 12, K: 5, k: 3, m: 8, lr: 0.01, batch: 64, steps: 200, snapshotEvery: 50, backend: 'fused-js' };

let text: string;
let json: unknown;

beforeAll(() => {
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
  text = exportRunText(SETTINGS, 'fused-js', exp.task.clauses, history, true, {
    tickets: lottery.results, denseRuns: lottery.denseRuns, comparison: cmp.results, seedRuns: cmp.seedRuns,
  });
  json = JSON.parse(text);
});

// ---- An independent account of what a loaded run must be. ----

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

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

function verdict(t: string): ImportResult {
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

// ---- Mutations. ----

type Path = (string | number)[];

/** Every path in the tree, parents before children. */
function paths(root: Json): Path[] {
  const out: Path[] = [];
  const walk = (v: Json, at: Path) => {
    out.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...at, k]);
  };
  walk(root, []);
  return out;
}

function readable(p: Path): string {
  return p.map((x, i) => (typeof x === 'number' ? `[${x}]` : i === 0 ? x : `.${x}`)).join('');
}

function setAt(root: Json, p: Path, value: unknown): void {
  let o = root;
  for (const key of p.slice(0, -1)) o = o[key];
  o[p[p.length - 1]] = value;
}

function getAt(root: Json, p: Path): Json {
  return p.reduce((o, key) => o[key], root);
}

/** Fields the app writes that the format leaves free (readers accept more fields than the schema's). */
const FREE = new Set(['role', 'kept', 'round', 'codeRecovery', 'familyRecovery', 'dataSeed', 'backend', 'prng']);

const MARK = '@@mutation@@';
/**
 * The most characters the 'grow' edits of one case may add to the file: a few over-limit-sized
 * arrays, yet far below V8's longest string (about 2^29 characters), so the test can always
 * write the file it means to feed the reader. Files over the reader's limit have their own test.
 */
const GROWTH_BUDGET = 40e6;
const jsonLength = (v: unknown): number => JSON.stringify(v)?.length ?? 4;
const NUMBERS = [-1, 0, 1, 2, 3, 0.5, -0.5, 1.5, 13, 255, 1e9, 2 ** 31, 2 ** 32, 1e15, 1e20, 3.4e38, 3.5e38, 1e39, -1e39, 1e308, -1e308];
const TYPES = ['x', '', null, true, false, {}, [], [1], { W1: [] }];
const BAD_TOKENS = ['NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e400', '0x10', '01', '.5', '1.', '+1', 'undefined', "'x'", '"\\u0000"', '1e-400'];

describe('importRunText, fed mutations of a real run file', () => {
  it('loads the real file whole', () => {
    const r = verdict(text);
    expect(r.ok).toBe(true);
    expect((json as Json).tickets.length).toBeGreaterThan(3);
    expect((json as Json).seedRuns).toHaveLength(1);
  });

  it('refuses any truncation as not JSON', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), (i) => {
        const cut = text.slice(0, i % text.length);
        expect(verdict(cut)).toMatchObject({ ok: false, error: expect.stringMatching(/^Not a JSON file/) });
      }),
      RUNS,
    );
  });

  it('refuses arbitrary text and arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ format: 'lottery-lens/run', version: 1, config: v }))), (t) => {
        expect(verdict(t).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses a value of the wrong type at the place it is, or above it', () => {
    const all = paths(json).filter((p) => p.length > 0 && !p.some((k) => FREE.has(String(k))));
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...TYPES), (i, value) => {
        const p = all[i % all.length];
        const copy = structuredClone(json) as Json;
        const before = getAt(copy, p);
        const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
        fc.pre(kind(before) !== kind(value));
        setAt(copy, p, value);
        const r = verdict(JSON.stringify(copy));
        expect(r.ok, readable(p)).toBe(false);
        if (!r.ok) {
          const at = r.error.slice(0, r.error.indexOf(': '));
          expect(readable(p).startsWith(at === 'the file' ? '' : at), `${readable(p)} -> ${r.error}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never throws, and loads only whole runs, whatever a field is changed to or removed', () => {
    const all = paths(json).filter((p) => p.length > 0);
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('number' as const), value: fc.constantFrom(...NUMBERS) }),
      fc.record({ kind: fc.constant('type' as const), value: fc.constantFrom(...TYPES) }),
      fc.record({ kind: fc.constant('token' as const), value: fc.constantFrom(...BAD_TOKENS) }),
      fc.record({ kind: fc.constant('delete' as const), value: fc.constant(null) }),
      fc.record({ kind: fc.constant('grow' as const), value: fc.constantFrom(1, 2, 1000, 100_000) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 3 }), (edits) => {
        const copy = structuredClone(json) as Json;
        let budget = GROWTH_BUDGET;
        let tokens: string[] = [];
        for (const [i, e] of edits) {
          const p = all[i % all.length];
          let parent: Json;
          try {
            parent = getAt(copy, p.slice(0, -1));
          } catch {
            continue; // an earlier edit removed it
          }
          if (parent === null || typeof parent !== 'object') continue;
          const key = p[p.length - 1];
          if (e.kind === 'delete') {
            if (Array.isArray(parent)) parent.splice(Number(key), 1);
            else delete parent[key];
          } else if (e.kind === 'grow') {
            const v = parent[key];
            // Repeats an array's last element, or wraps a value in a long array, within what is
            // left of GROWTH_BUDGET, so that every generated file is a string V8 can hold.
            const unit = Array.isArray(v) && v.length > 0 ? v[v.length - 1] : (v ?? 0);
            const count = Math.min(e.value, Math.floor(budget / (jsonLength(unit) + 1)));
            budget -= count * (jsonLength(unit) + 1);
            parent[key] = Array.isArray(v) && v.length > 0 ? [...v, ...Array(count).fill(unit)] : Array(count).fill(unit);
          } else if (e.kind === 'token') {
            parent[key] = MARK;
            tokens = [...tokens, e.value];
          } else parent[key] = e.value;
        }
        let t = JSON.stringify(copy);
        for (const token of tokens) t = t.replace(`"${MARK}"`, token);
        const r = verdict(t);
        // A token JSON cannot hold, or a number that overflows a double, is refused.
        if (tokens.some((x) => x !== '1e-400' && x !== '"\\u0000"')) expect(r.ok).toBe(false);
      }),
      fuzzRuns(600),
    );
  });

  it('refuses an overlong text before reading it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const blank = ' '.repeat(MAX_RUN_FILE_BYTES + 1);
      expect(importRunText(blank, 'auto')).toEqual({ ok: false, error: 'the file: is 128.1 MB, over the 128 MB limit for run files.' });
      // A real run file grown past the limit: one snapshot's b1 holds 17 million numbers.
      const b1 = JSON.stringify((json as Json).snapshots[1].b1);
      const over = text.replace(b1, `[${'0.123456,'.repeat(15_000_000)}0.123456]`);
      expect(over.length).toBeGreaterThan(MAX_RUN_FILE_BYTES);
      const r = importRunText(over, 'auto');
      // Its size in MiB, rounded up to a tenth.
      const said = r.ok ? NaN : Number(/^the file: is ([\d.]+) MB, over the 128 MB limit for run files\.$/.exec(r.error)?.[1]);
      expect(said - over.length / 2 ** 20).toBeGreaterThanOrEqual(0);
      expect(said - over.length / 2 ** 20).toBeLessThan(0.1);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('refuses a broken 50 MB file within the limit with the path of its problem', () => {
    // About 50 MB, within the limit: one snapshot's b1 holds millions of numbers.
    const b1 = JSON.stringify((json as Json).snapshots[1].b1);
    expect(text.split(b1)).toHaveLength(2);
    const t = text.replace(b1, `[${'0.123456,'.repeat(6_999_999)}0.123456]`);
    expect(t.length).toBeGreaterThan(50e6);
    expect(importRunText(t, 'auto')).toEqual({ ok: false, error: 'snapshots[1].b1: has 7000000 numbers; expected m = 8' });
  });
});
