/**
 * Reads a run file back: JSON, then the JSON Schema (run.schema.json), then the checks a
 * schema cannot express (shapes agree with the config, clause inputs in range, steps in
 * order). The first problem found is reported by its path, e.g.
 * "snapshots[3].W1[2]: has 23 numbers; expected n = 24". Nothing is half-applied: the caller
 * gets either a whole run or a message.
 */
import { Validator } from '@cfworker/json-schema';
import type { Clause, Params } from '../types';
import type { NestedParams, RunConfig, RunFileV1 } from './format';
import schema from './run.schema.json';

export interface ParsedRun {
  file: RunFileV1;
  config: RunConfig;
  clauses: Clause[];
  snapshots: { step: number; params: Params }[];
}

export type ParseResult = { ok: true; run: ParsedRun } | { ok: false; error: string };

const validator = new Validator(schema as object, '2020-12', true);

/** "#/snapshots/3/W1/2" -> "snapshots[3].W1[2]" */
function readablePath(pointer: string): string {
  const parts = pointer.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts.length === 0) return 'the file';
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

class RunFileError extends Error {}

function fail(path: string, message: string): never {
  throw new RunFileError(`${path}: ${message}`);
}

export function parseRunFile(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not a JSON file (${(e as Error).message.slice(0, 120)}).` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: 'the file: must be a JSON object.' };
  const obj = data as Record<string, unknown>;
  if (obj.format !== 'lottery-lens/run') return { ok: false, error: `format: must be "lottery-lens/run" (this is not a Lottery Lens run file).` };
  if (obj.version !== 1) return { ok: false, error: `version: ${JSON.stringify(obj.version)} is not supported; this app reads version 1.` };
  const result = validator.validate(data);
  if (!result.valid) {
    // The deepest error names the field; the others are the chain of schema keywords above it.
    const deepest = [...result.errors].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length)[0];
    const detail = deepest.error.replace(/^Instance\s+/, '').replace(/\s+/g, ' ');
    return { ok: false, error: `${readablePath(deepest.instanceLocation)}: ${detail}` };
  }
  try {
    return { ok: true, run: checkMeaning(data as RunFileV1) };
  } catch (e) {
    if (e instanceof RunFileError) return { ok: false, error: e.message };
    throw e;
  }
}

function checkMeaning(file: RunFileV1): ParsedRun {
  const { config } = file;
  const { n, K, k, m } = config;
  if (k > n) fail('config.k', `${k} literals cannot fit in n = ${n} inputs`);
  if (config.r > k) fail('config.r', `must be at most k = ${k}`);
  if (file.clauses.length !== K) fail('clauses', `has ${file.clauses.length} clauses; expected K = ${K}`);
  file.clauses.forEach((c, i) => {
    if (c.inputs.length !== k) fail(`clauses[${i}].inputs`, `has ${c.inputs.length} inputs; expected k = ${k}`);
    if (c.template.length !== k) fail(`clauses[${i}].template`, `has ${c.template.length} signs; expected k = ${k}`);
    c.inputs.forEach((x, l) => x >= n && fail(`clauses[${i}].inputs[${l}]`, `input ${x} is out of range 0..${n - 1}`));
    if (new Set(c.inputs).size !== k) fail(`clauses[${i}].inputs`, 'inputs must be distinct');
  });
  let previous = -1;
  const snapshots = file.snapshots.map((s, i) => {
    const at = `snapshots[${i}]`;
    if (i === 0 && s.step !== 0) fail(`${at}.step`, 'the first snapshot must be step 0 (initialization)');
    if (s.step <= previous) fail(`${at}.step`, `steps must increase (${s.step} after ${previous})`);
    if (s.step > config.steps) fail(`${at}.step`, `${s.step} is beyond config.steps = ${config.steps}`);
    previous = s.step;
    return { step: s.step, params: flatParams(s, at, n, m, K) };
  });
  file.metrics.forEach((r, i) => {
    if (!snapshots.some((s) => s.step === r.step)) fail(`metrics[${i}].step`, `no snapshot at step ${r.step}`);
  });
  const clauses = file.clauses.map((c) => ({ inputs: [...c.inputs], template: [...c.template] }));
  return { file, config, clauses, snapshots };
}

/** Checks a nested parameter set's shapes and flattens it to typed arrays. */
export function flatParams(p: NestedParams, at: string, n: number, m: number, K: number): Params {
  return {
    W1: flatMatrix(p.W1, `${at}.W1`, m, n, 'm', 'n'),
    b1: flatVector(p.b1, `${at}.b1`, m, 'm'),
    W2: flatMatrix(p.W2, `${at}.W2`, K, m, 'K', 'm'),
    b2: flatVector(p.b2, `${at}.b2`, K, 'K'),
  };
}

function flatVector(v: number[], at: string, len: number, name: string): Float32Array {
  if (v.length !== len) fail(at, `has ${v.length} numbers; expected ${name} = ${len}`);
  return Float32Array.from(v);
}

function flatMatrix(rows: number[][], at: string, nRows: number, nCols: number, rowName: string, colName: string): Float32Array {
  if (rows.length !== nRows) fail(at, `has ${rows.length} rows; expected ${rowName} = ${nRows}`);
  const out = new Float32Array(nRows * nCols);
  rows.forEach((row, r) => {
    if (row.length !== nCols) fail(`${at}[${r}]`, `has ${row.length} numbers; expected ${colName} = ${nCols}`);
    out.set(row, r * nCols);
  });
  return out;
}
