/**
 * Hand checks of a run file's bulky arrays: weights (numbers that fit a 32-bit float), masks
 * (0/1) and index lists, each against the shape the config gives. The JSON Schema says the
 * same about types, but walking millions of weights through a generic validator is several
 * times slower than these loops, so parse.ts hands the weights and masks to them instead.
 * Each check throws a RunFileError naming the first problem by its path.
 */
import type { Params } from '../core/types';

export class RunFileError extends Error {}

export function fail(path: string, message: string): never {
  throw new RunFileError(`${path}: ${message}`);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The rows of a [nRows][nCols] nested array, each checked to be an array of the right length. */
function rowsOf(v: unknown, at: string, nRows: number, nCols: number, rowName: string, colName: string): unknown[][] {
  if (!Array.isArray(v)) fail(at, `must be an array of ${rowName} rows, not ${kindOf(v)}`);
  if (v.length !== nRows) fail(at, `has ${v.length} rows; expected ${rowName} = ${nRows}`);
  for (let r = 0; r < nRows; r++) {
    const row = v[r];
    if (!Array.isArray(row)) fail(`${at}[${r}]`, `must be an array, not ${kindOf(row)}`);
    if (row.length !== nCols) fail(`${at}[${r}]`, `has ${row.length} numbers; expected ${colName} = ${nCols}`);
  }
  return v as unknown[][];
}

/** Copies `values` into `out` at `offset`, refusing anything but numbers a 32-bit float can hold. */
function copyFloats(values: unknown[], out: Float32Array, offset: number, at: string): void {
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number') fail(`${at}[${i}]`, `must be a number, not ${kindOf(x)}`);
    const f = Math.fround(x);
    if (!Number.isFinite(f)) fail(`${at}[${i}]`, `${x} is beyond the range of a 32-bit float`);
    out[offset + i] = f;
  }
}

function flatVector(v: unknown, at: string, len: number, name: string): Float32Array {
  if (!Array.isArray(v)) fail(at, `must be an array of numbers, not ${kindOf(v)}`);
  if (v.length !== len) fail(at, `has ${v.length} numbers; expected ${name} = ${len}`);
  const out = new Float32Array(len);
  copyFloats(v, out, 0, at);
  return out;
}

function flatMatrix(v: unknown, at: string, nRows: number, nCols: number, rowName: string, colName: string): Float32Array {
  const rows = rowsOf(v, at, nRows, nCols, rowName, colName);
  // Shapes are checked before allocating, so the array is never larger than the file's data.
  const out = new Float32Array(nRows * nCols);
  for (let r = 0; r < nRows; r++) copyFloats(rows[r], out, r * nCols, `${at}[${r}]`);
  return out;
}

/** Checks a nested parameter set {W1 [m][n], b1 [m], W2 [K][m], b2 [K]} and flattens it to typed arrays. */
export function flatParams(p: unknown, at: string, n: number, m: number, K: number): Params {
  if (!isObject(p)) fail(at, `must be an object, not ${kindOf(p)}`);
  return {
    W1: flatMatrix(p.W1, `${at}.W1`, m, n, 'm', 'n'),
    b1: flatVector(p.b1, `${at}.b1`, m, 'm'),
    W2: flatMatrix(p.W2, `${at}.W2`, K, m, 'K', 'm'),
    b2: flatVector(p.b2, `${at}.b2`, K, 'K'),
  };
}

/** Checks a [nRows][nCols] mask of 0s and 1s. */
export function checkBits(v: unknown, at: string, nRows: number, nCols: number, rowName: string, colName: string): void {
  const rows = rowsOf(v, at, nRows, nCols, rowName, colName);
  for (let r = 0; r < nRows; r++) {
    const row = rows[r];
    for (let i = 0; i < nCols; i++) if (row[i] !== 0 && row[i] !== 1) fail(`${at}[${r}][${i}]`, 'must be 0 or 1');
  }
}

/** Checks a list of `len` whole numbers (the schema's indices) each at most `max`. */
export function checkIndices(v: readonly number[], at: string, len: number, lenName: string, max: number, maxName: string): void {
  if (v.length !== len) fail(at, `has ${v.length} entries; expected ${lenName} = ${len}`);
  v.forEach((x, i) => x > max && fail(`${at}[${i}]`, `${x} is more than ${maxName} = ${max}`));
}

/** Checks rows coding each clause: K lists of row indices below m. */
export function checkRowsPerClause(v: readonly (readonly number[])[], at: string, K: number, m: number): void {
  if (v.length !== K) fail(at, `has ${v.length} clauses; expected K = ${K}`);
  v.forEach((rows, c) => rows.forEach((j, i) => j >= m && fail(`${at}[${c}][${i}]`, `row ${j} is out of range 0..${m - 1}`)));
}
