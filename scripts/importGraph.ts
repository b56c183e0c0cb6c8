/**
 * The house's rules, checked from the source text (docs/ARCHITECTURE.md):
 *   - arrows point down the layers: engine < settings < worker < state, cli < api, views < app;
 *     `testing/` is test-only arithmetic that only tests import;
 *   - no import cycles (type-only imports count: they couple files just the same);
 *   - no source file over MAX_LINES lines (generated modules exempt).
 *
 *   files ─▶ imports (static, dynamic, re-exports, `import type`) ─▶ resolved files
 *         ─▶ layer of each end ─▶ upward? ─▶ strongly connected components ─▶ cycles
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const MAX_LINES = 300;

/** Rank of each top folder under src/; an import may only go to a lower rank, or within its folder. */
export const LAYERS: Record<string, number> = { engine: 1, settings: 2, worker: 3, state: 4, cli: 4, api: 5, views: 5, app: 6 };

/** Test-only helpers: they may import the engine and the contracts; only test files may import them. */
const TEST_ONLY = 'testing';

/** Files written by a build step, exempt from the size limit. */
const GENERATED = [/\.wasm\.ts$/];

const SOURCE = /\.(ts|tsx|mts)$/;
const isTest = (file: string) => /\.(test|spec|fuzz\.test)\.tsx?$/.test(file) || /(^|\/)(e2e)\//.test(file);

export interface Report {
  files: string[];
  lines: Map<string, number>;
  edges: [string, string][];
  upward: string[];
  cycles: string[][];
  oversized: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts')) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g;

/** Relative specifiers of a file's imports, with query suffixes (?worker, ?url) dropped. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2] ?? m[3]).split('?')[0];
    if (spec.startsWith('.')) out.push(spec);
  }
  return out;
}

function resolveSpec(from: string, spec: string, known: Set<string>): string | null {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|mjs)$/, '');
  for (const c of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(base, 'index.ts'), join(base, 'index.tsx')]) if (known.has(c)) return c;
  return null;
}

/** The layer folder of a file under src/ ('' when it sits at src/'s root). */
function folderOf(src: string, file: string): string {
  const rel = relative(src, file).split(/[\\/]/);
  return rel.length > 1 ? rel[0] : '';
}

/** Tarjan's strongly connected components; each component of two or more files is a cycle. */
function cyclesOf(files: string[], edges: [string, string][]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const [a, b] of edges) next.get(a)!.push(b);
  let index = 0;
  const idx = new Map<string, number>(),
    low = new Map<string, number>(),
    on = new Set<string>(),
    stack: string[] = [],
    out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v)!) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || next.get(v)!.includes(v)) out.push(comp.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return out;
}

/** Checks src/ (and, for sizes only, the other folders given) under `root`. */
export function checkTree(root: string, extra: string[] = []): Report {
  const src = join(root, 'src');
  const files = walk(src).sort();
  const known = new Set(files);
  const lines = new Map<string, number>();
  const edges: [string, string][] = [];
  const upward: string[] = [];
  const rel = (f: string) => relative(root, f);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    lines.set(file, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    const from = folderOf(src, file);
    for (const spec of importsOf(text)) {
      const to = resolveSpec(file, spec, known);
      if (to === null) continue;
      edges.push([file, to]);
      const target = folderOf(src, to);
      if (target === from) continue;
      const bad =
        target === TEST_ONLY
          ? !isTest(file) && from !== TEST_ONLY
          : from === TEST_ONLY
            ? !(LAYERS[target] <= LAYERS.settings)
            : !(target in LAYERS) || !(from in LAYERS) || LAYERS[target] >= LAYERS[from];
      if (bad && !(isTest(file) && target === TEST_ONLY)) upward.push(`${rel(file)} imports ${rel(to)} (${from || 'src'} may not import ${target || 'src'})`);
    }
  }
  for (const dir of extra)
    for (const f of walk(join(root, dir))) {
      const text = readFileSync(f, 'utf8');
      lines.set(f, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    }
  const oversized = [...lines].filter(([f, n]) => n > MAX_LINES && !GENERATED.some((g) => g.test(f))).map(([f, n]) => `${rel(f)} has ${n} lines (at most ${MAX_LINES})`);
  const cycles = cyclesOf(files, edges).map((c) => c.map(rel));
  return { files: [...lines.keys()].map(rel), lines, edges, upward, cycles, oversized };
}
