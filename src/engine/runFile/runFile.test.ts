import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun, type FeatureSettings } from '../analysis/runAnalysis';
import { buildExperiment } from '../core/experiment';
import { TypedArrayTrainer } from '../trainers/typedArrayTrainer';
import type { MetricRow, Params } from '../core/types';
import { buildRunFile } from './build';
import type { RunConfig, RunFileV1 } from './format';
import { parseRunFile } from './parse';
import schema from './run.schema.json';

const FS: FeatureSettings = { tau: 0.3, tauOut: 0.25, r: 1, precursorNeedsReadout: false };
const CONFIG: RunConfig = {
  n: 12,
  K: 5,
  k: 3,
  m: 8,
  p: 0.5,
  q: 0.25,
  tau: 0.3,
  tauOut: 0.25,
  r: 1,
  optimizer: 'adam',
  lr: 0.01,
  adamEpsilon: 1e-7,
  batch: 64,
  steps: 400,
  lambda: 0.5,
  motionSteps: 50,
  prng: 'sfc32/splitmix32',
  seeds: { task: 1, init: 2, data: 3, test: 4 },
  snapshotEvery: 100,
  precursorReadout: 'any',
  backend: 'fused-js',
};

let file: RunFileV1;
let text: string;

beforeAll(() => {
  const exp = buildExperiment({
    task: { n: 12, K: 5, k: 3, p: 0.5, q: 0.25 },
    train: { m: 8, optimizer: 'adam', lr: 0.01, adamEpsilon: 1e-7, batch: 64, steps: 400 },
    seeds: CONFIG.seeds,
  });
  const t = new TypedArrayTrainer({ task: exp.task, train: exp.config.train, dataSeed: 3, init: exp.init, masks: null, startStep: 0 });
  const snapshots: { step: number; params: Params }[] = [{ step: 0, params: t.params() }];
  for (let i = 1; i <= 4; i++) {
    t.train(100);
    snapshots.push({ step: i * 100, params: t.params() });
  }
  const metrics: MetricRow[] = snapshots.map((s) => ({ step: s.step, ...exp.evaluator.evaluate(s.params) }));
  const analysis = analyzeRun(snapshots, exp.shape, exp.task.clauses, FS);
  file = buildRunFile({ config: CONFIG, clauses: exp.task.clauses, snapshots, metrics, analysis, analysisFinal: true });
  text = JSON.stringify(file);
});

/** Mutates a deep copy of the file and returns the parser's verdict. */
function broken(edit: (f: any) => void): string {
  const copy = JSON.parse(text);
  edit(copy);
  const r = parseRunFile(JSON.stringify(copy));
  return r.ok ? 'ok' : r.error;
}

describe('the run file', () => {
  it('validates against its JSON Schema with an independent validator (ajv)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...JSON.parse(text), version: 2 })).toBe(false);
  });

  it('reads back exactly the weights and clauses it wrote', () => {
    const r = parseRunFile(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.run.clauses).toEqual(file.clauses);
    expect(r.run.snapshots.map((s) => s.step)).toEqual([0, 100, 200, 300, 400]);
    const last = r.run.snapshots[4].params;
    expect(Array.from(last.W1.subarray(0, 12))).toEqual(file.snapshots[4].W1[0]);
    expect(Array.from(last.W2.subarray(8, 16))).toEqual(file.snapshots[4].W2[1]);
  });

  it('carries an analysis that an independent recomputation from its own weights agrees with', () => {
    // Written from SPEC 4 directly over the file's nested arrays, sharing no code with the engine.
    const { n, K, m, tau, tauOut, r } = file.config;
    const category = (row: number[], i: number, t: number) => {
      const s = Math.max(...row.map(Math.abs));
      return row[i] > t * s ? 1 : row[i] < -t * s ? -1 : 0;
    };
    const dist = (W1: number[][], j: number, c: number) => file.clauses[c].inputs.filter((i, l) => category(W1[j], i, tau) !== file.clauses[c].template[l]).length;
    const codes = (snap: RunFileV1['snapshots'][0]) =>
      Array.from({ length: K }, (_, c) => Array.from({ length: m }, (_, j) => j).filter((j) => dist(snap.W1, j, c) === 0 && category(snap.W2[c], j, tauOut) === 1));
    const first = file.snapshots[0];
    const last = file.snapshots[file.snapshots.length - 1];
    const finalCodes = codes(last);
    expect(file.analysis.finalCodes).toEqual(finalCodes);
    const d0 = Array.from({ length: m }, (_, j) => Array.from({ length: K }, (_, c) => dist(first.W1, j, c)));
    expect(file.analysis.d0).toEqual(d0);
    const precursors = [];
    const recruited = [];
    for (let j = 0; j < m; j++)
      for (let c = 0; c < K; c++) {
        const coded = finalCodes[c].includes(j);
        if (d0[j][c] <= r) precursors.push({ row: j, clause: c, d0: d0[j][c], outcome: coded ? 'converged' : 'rejected' });
        else if (coded) recruited.push({ row: j, clause: c, d0: d0[j][c] });
      }
    expect(file.analysis.precursors).toEqual(precursors);
    expect(file.analysis.recruited).toEqual(recruited);
    expect(file.analysis.crowd0).toEqual(d0.map((row) => row.filter((d) => d <= r).length));
    expect(file.analysis.crowdT).toEqual(Array.from({ length: m }, (_, j) => finalCodes.filter((rows) => rows.includes(j)).length));
    expect(precursors.length).toBeGreaterThan(0);
    expect(n).toBe(12);
  });

  it('names the first problem of a malformed file, by its path', () => {
    expect(parseRunFile('{"format": ')).toMatchObject({ ok: false, error: expect.stringMatching(/^Not a JSON file/) });
    expect(parseRunFile('[]')).toEqual({ ok: false, error: 'the file: must be a JSON object.' });
    expect(broken((f) => (f.format = 'other'))).toMatch(/^format: must be "lottery-lens\/run"/);
    expect(broken((f) => (f.version = 2))).toBe('version: 2 is not supported; this app reads version 1.');
    expect(broken((f) => delete f.config.tauOut)).toMatch(/^config: .*tauOut/);
    expect(broken((f) => (f.snapshots[2].W1[3][4] = 'x'))).toMatch(/^snapshots\[2\]\.W1\[3\]\[4\]: /);
    expect(broken((f) => (f.snapshots[2].W1[3] = f.snapshots[2].W1[3].slice(1)))).toBe('snapshots[2].W1[3]: has 11 numbers; expected n = 12');
    expect(broken((f) => f.snapshots[1].b2.push(0))).toBe('snapshots[1].b2: has 6 numbers; expected K = 5');
    expect(broken((f) => (f.clauses[1].inputs[0] = 12))).toBe('clauses[1].inputs[0]: input 12 is out of range 0..11');
    expect(broken((f) => (f.clauses[1].template[0] = 0))).toMatch(/^clauses\[1\]\.template\[0\]: /);
    expect(broken((f) => f.clauses.pop())).toBe('clauses: has 4 clauses; expected K = 5');
    expect(broken((f) => (f.snapshots[0].step = 5))).toBe('snapshots[0].step: the first snapshot must be step 0 (initialization)');
    expect(broken((f) => (f.snapshots[2].step = 100))).toBe('snapshots[2].step: steps must increase (100 after 100)');
    expect(broken((f) => (f.metrics[1].step = 150))).toBe('metrics[1].step: no snapshot at step 150');
  });

  it('refuses what would load a broken run: overflowing numbers, impossible sizes, indices out of range', () => {
    const withToken = (edit: (f: any) => void, token: string) => {
      const copy = JSON.parse(text);
      edit(copy);
      const r = parseRunFile(JSON.stringify(copy).replace('"@@"', token));
      return r.ok ? 'ok' : r.error;
    };
    expect(withToken((f) => (f.snapshots[1].b1[2] = '@@'), '1e309')).toBe('snapshots[1].b1[2]: is a number too large to hold (it overflows to infinity).');
    expect(withToken((f) => (f.config.n = '@@'), '-1e400')).toBe('config.n: is a number too large to hold (it overflows to infinity).');
    expect(broken((f) => (f.snapshots[1].W2[0][3] = 1e39))).toBe('snapshots[1].W2[0][3]: 1e+39 is beyond the range of a 32-bit float');
    expect(broken((f) => (f.snapshots[1].W1[0][3] = '0.5'))).toBe('snapshots[1].W1[0][3]: must be a number, not a string');
    // A huge n used to allocate m * n floats before looking at the rows (a RangeError, thrown).
    expect(broken((f) => (f.config.n = 1e15))).toBe('snapshots[0].W1[0]: has 12 numbers; expected n = 1000000000000000');
    expect(broken((f) => (f.analysis.precursors[0].clause = 5))).toBe('analysis.precursors[0].clause: clause 5 is out of range 0..4');
    expect(broken((f) => f.analysis.finalCodes[0].push(8))).toMatch(/^analysis\.finalCodes\[0\]\[\d+\]: row 8 is out of range 0\.\.7$/);
    expect(broken((f) => f.analysis.crowd0.pop())).toBe('analysis.crowd0: has 7 entries; expected m = 8');
    expect(broken((f) => (f.analysis.d0[2][1] = 4))).toBe('analysis.d0[2][1]: 4 is more than k = 3');
    expect(broken((f) => (f.version = 'x'.repeat(10000)))).toMatch(/^version: "x{38}/);
    expect(broken((f) => (f.version = 'x'.repeat(10000))).length).toBeLessThan(100);
    const ticket = (edit: (t: any) => void) =>
      broken((f) => {
        f.tickets = [
          {
            method: 'imp',
            sparsity: 0.5,
            rewindStep: 0,
            seed: 2,
            mask: { W1: f.snapshots[0].W1.map((r: number[]) => r.map(() => 1)), W2: f.snapshots[0].W2.map((r: number[]) => r.map(() => 0)) },
            final: f.snapshots[4],
            balancedAccuracy: 0.5,
            exactMatch: 0,
            codes: f.analysis.finalCodes,
            reexpression: [],
          },
        ];
        edit(f.tickets[0]);
      });
    expect(ticket(() => {})).toBe('ok');
    expect(ticket((t) => (t.mask.W1[1][2] = 2))).toMatch(/^tickets\[0\]\.mask\.W1\[1\]\[2\]: /);
    expect(ticket((t) => t.mask.W2.pop())).toBe('tickets[0].mask.W2: has 4 rows; expected K = 5');
    expect(ticket((t) => delete t.mask)).toMatch(/^tickets\[0\]: .*mask/);
    expect(ticket((t) => (t.final = { ...t.final, b2: [1] }))).toBe('tickets[0].final.b2: has 1 numbers; expected K = 5');
    expect(ticket((t) => (t.reexpression = ['lost']))).toBe('tickets[0].reexpression: has 1 entries; expected none or K = 5');
  });
});
