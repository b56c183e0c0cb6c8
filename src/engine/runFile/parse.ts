/**
 * Reads a run file back: size, JSON, then the JSON Schema (run.schema.json), then the checks a
 * schema cannot express (shapes agree with the config, indices in range, steps in order). The
 * first problem found is reported by its path, e.g. "snapshots[3].W1[2]: has 23 numbers;
 * expected n = 24". Nothing is half-applied: the caller gets either a whole run or a message.
 *
 *   text ─▶ ≤ MAX_RUN_FILE_BYTES ─▶ JSON.parse ─▶ format, version ─▶ every number finite
 *        ─▶ schema (weights and masks left out) ─▶ meaning, with weights and masks checked
 *           by shapes.ts while they are flattened
 *
 * Never throws on any text: every failure is a message.
 */
import { Validator } from '@cfworker/json-schema';
import type { Clause, Params } from '../core/types';
import { MAX_RUN_FILE_BYTES, type RunConfig, type RunFileV1 } from './format';
import schema from './run.schema.json';
import { RunFileError, checkBits, checkIndices, checkRowsPerClause, fail, flatParams } from './shapes';

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
  // Only the schema's own (plain) property names and array indices occur here.
  return pathOf(parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}

/** ["snapshots", 3, "W1"] -> "snapshots[3].W1" */
function pathOf(parts: (string | number)[]): string {
  if (parts.length === 0) return 'the file';
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function parseRunFile(text: string): ParseResult {
  if (text.length > MAX_RUN_FILE_BYTES) {
    const mb = (bytes: number) => Math.ceil((10 * bytes) / 2 ** 20) / 10;
    return { ok: false, error: `the file: is ${mb(text.length)} MB, over the ${mb(MAX_RUN_FILE_BYTES)} MB limit for run files.` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not a JSON file (${(e as Error).message.slice(0, 120)}).` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: 'the file: must be a JSON object.' };
  const obj = data as Record<string, unknown>;
  if (obj.format !== 'lottery-lens/run') return { ok: false, error: `format: must be "lottery-lens/run" (this is not a Lottery Lens run file).` };
  if (obj.version !== 1) return { ok: false, error: `version: ${String(JSON.stringify(obj.version)).slice(0, 40)} is not supported; this app reads version 1.` };
  const overflow = firstNonFinite(data);
  if (overflow) return { ok: false, error: `${overflow}: is a number too large to hold (it overflows to infinity).` };
  const result = validator.validate(withoutWeights(obj));
  if (!result.valid) {
    // The deepest error names the field; the others are the chain of schema keywords above it.
    const deepest = [...result.errors].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length)[0];
    const detail = deepest.error
      .replace(/^Instance\s+/, '')
      .replace(/\s+/g, ' ')
      .slice(0, 200);
    return { ok: false, error: `${readablePath(deepest.instanceLocation)}: ${detail}` };
  }
  try {
    return { ok: true, run: checkMeaning(data as RunFileV1) };
  } catch (e) {
    if (e instanceof RunFileError) return { ok: false, error: e.message };
    throw e;
  }
}

/**
 * The path of the first number that JSON read as ±Infinity ("1e309"), or null. Iterative, as a
 * file may nest deeply; reads own "__proto__" keys as the data they are.
 */
function firstNonFinite(root: object): string | null {
  interface Frame {
    node: Record<string, unknown> | unknown[];
    keys: string[] | null;
    i: number;
    name: string | number;
  }
  const stack: Frame[] = [{ node: root as Record<string, unknown>, keys: Array.isArray(root) ? null : Object.keys(root), i: 0, name: '' }];
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    const len = f.keys ? f.keys.length : (f.node as unknown[]).length;
    if (f.i >= len) {
      stack.pop();
      continue;
    }
    const key = f.keys ? f.keys[f.i] : f.i;
    f.i++;
    const v = key === '__proto__' ? Object.getOwnPropertyDescriptor(f.node, key)?.value : (f.node as Record<string | number, unknown>)[key];
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return pathOf([...stack.slice(1).map((s) => s.name), key]);
    } else if (typeof v === 'object' && v !== null) {
      stack.push({ node: v as Frame['node'], keys: Array.isArray(v) ? null : Object.keys(v), i: 0, name: key });
    }
  }
  return null;
}

const WEIGHTS = ['W1', 'b1', 'W2', 'b2'];

/**
 * A shallow copy for the schema with every weight and mask array emptied (the arrays stay, so
 * their presence and type are still checked); checkMeaning checks their contents by hand.
 */
function withoutWeights(file: Record<string, unknown>): Record<string, unknown> {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const empty = (v: unknown, keys: string[]) => {
    if (!isObj(v)) return v;
    const copy = { ...v };
    for (const k of keys) if (Array.isArray(copy[k])) copy[k] = [];
    return copy;
  };
  /** `item` with the named fields passed through `edit`; absent fields stay absent. */
  const edited = (item: Record<string, unknown>, fields: string[], edit: (v: unknown) => unknown) => {
    const copy = { ...item };
    for (const f of fields) if (Object.hasOwn(copy, f)) copy[f] = edit(copy[f]);
    return copy;
  };
  const each = (key: string, edit: (item: Record<string, unknown>) => unknown) => (Array.isArray(file[key]) ? (file[key] as unknown[]).map((x) => (isObj(x) ? edit(x) : x)) : file[key]);
  const copy = { ...file };
  if (Object.hasOwn(file, 'snapshots')) copy.snapshots = each('snapshots', (s) => empty(s, WEIGHTS));
  if (Object.hasOwn(file, 'tickets'))
    copy.tickets = each('tickets', (t) =>
      edited(
        edited(t, ['mask'], (v) => empty(v, ['W1', 'W2'])),
        ['final'],
        (v) => empty(v, WEIGHTS),
      ),
    );
  if (Object.hasOwn(file, 'seedRuns')) copy.seedRuns = each('seedRuns', (s) => edited(s, ['init', 'final'], (v) => empty(v, WEIGHTS)));
  return copy;
}

/** A ticket and an extra seed's run as the schema leaves them: weights and masks not yet looked into. */
interface TicketV1 {
  mask: { W1: unknown; W2: unknown };
  final: unknown;
  codes: number[][];
  reexpression: string[];
}
interface SeedRunV1 {
  init: unknown;
  final: unknown;
  finalCodes: number[][];
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
  const steps = new Set(snapshots.map((s) => s.step));
  file.metrics.forEach((r, i) => {
    if (!steps.has(r.step)) fail(`metrics[${i}].step`, `no snapshot at step ${r.step}`);
  });
  checkAnalysis(file.analysis, config);
  (file.tickets as TicketV1[]).forEach((t, i) => {
    const at = `tickets[${i}]`;
    checkBits(t.mask.W1, `${at}.mask.W1`, m, n, 'm', 'n');
    checkBits(t.mask.W2, `${at}.mask.W2`, K, m, 'K', 'm');
    flatParams(t.final, `${at}.final`, n, m, K);
    checkRowsPerClause(t.codes, `${at}.codes`, K, m);
    if (t.reexpression.length !== 0 && t.reexpression.length !== K) fail(`${at}.reexpression`, `has ${t.reexpression.length} entries; expected none or K = ${K}`);
  });
  ((file.seedRuns ?? []) as SeedRunV1[]).forEach((s, i) => {
    flatParams(s.init, `seedRuns[${i}].init`, n, m, K);
    flatParams(s.final, `seedRuns[${i}].final`, n, m, K);
    checkRowsPerClause(s.finalCodes, `seedRuns[${i}].finalCodes`, K, m);
  });
  const clauses = file.clauses.map((c) => ({ inputs: [...c.inputs], template: [...c.template] }));
  return { file, config, clauses, snapshots };
}

/** The analysis's indices and shapes against the config: rows below m, clauses below K, distances at most k. */
function checkAnalysis(a: RunFileV1['analysis'], { m, K, k }: RunConfig): void {
  checkRowsPerClause(a.finalCodes, 'analysis.finalCodes', K, m);
  for (const list of ['precursors', 'recruited'] as const) {
    a[list].forEach((p, i) => {
      if (p.row >= m) fail(`analysis.${list}[${i}].row`, `row ${p.row} is out of range 0..${m - 1}`);
      if (p.clause >= K) fail(`analysis.${list}[${i}].clause`, `clause ${p.clause} is out of range 0..${K - 1}`);
      if (p.d0 > k) fail(`analysis.${list}[${i}].d0`, `${p.d0} is more than k = ${k}`);
    });
  }
  checkIndices(a.crowd0, 'analysis.crowd0', m, 'm', K, 'K');
  checkIndices(a.crowdT, 'analysis.crowdT', m, 'm', K, 'K');
  if (a.d0.length !== m) fail('analysis.d0', `has ${a.d0.length} rows; expected m = ${m}`);
  a.d0.forEach((row, j) => checkIndices(row, `analysis.d0[${j}]`, K, 'K', k, 'k'));
}
