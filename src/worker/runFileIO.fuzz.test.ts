/**
 * A run file is input from anyone. Mutations of a real one (trained by the engine, with
 * lottery tickets, comparison results and extra seeds' runs in it) must never make the reader
 * throw: it either refuses with a message that starts with the path of the first problem, or
 * gives a run that is whole and consistent (checked here independently of the parser).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { realRunFile, verdict, type Json } from './runFileFixtures';
import { fuzzRuns } from '../testing/fuzzRuns';

const RUNS = fuzzRuns(300);

let text: string;
let json: unknown;

beforeAll(() => {
  ({ text, json } = realRunFile());
});

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
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ format: 'lottery-lens/run', version: 1, config: v })),
        ),
        (t) => {
          expect(verdict(t).ok).toBe(false);
        },
      ),
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
});
