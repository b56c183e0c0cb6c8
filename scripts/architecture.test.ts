/**
 * The house's rules hold (docs/ARCHITECTURE.md): arrows point down the layers, no import
 * cycles, no source file over 300 lines. The checker itself is tested on a small tree with one
 * violation of each kind, so a checker that found nothing could not pass.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTree, importsOf, MAX_LINES } from './importGraph';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('the house', () => {
  const report = checkTree(ROOT, ['e2e', 'scripts', 'bench']);

  it('has no upward import: engine < settings < worker < state, cli < api, views < app', () => {
    expect(report.upward).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(report.cycles).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines (generated modules exempt)`, () => {
    expect(report.oversized).toEqual([]);
  });

  it('reads the whole tree', () => {
    expect(report.files.length).toBeGreaterThan(150);
    expect(report.edges.length).toBeGreaterThan(300);
  });
});

describe('the import-graph check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lens-arch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('src/engine/a.ts', "import type { S } from '../state/s';\nexport const a = 1;\n");
  write('src/state/s.ts', "export type S = number;\nimport { b } from './t';\n");
  write('src/state/t.ts', "import { s } from './s';\nexport const b = 2;\n");
  write('src/views/v.tsx', "import { go } from '../app/main';\nimport { a } from '../engine/a';\n");
  write('src/app/main.ts', "export const go = 1;\nimport('../views/v');\n");
  write('src/worker/big.ts', 'export const x = 1;\n'.repeat(MAX_LINES + 1));
  write('src/worker/ok.test.ts', "import { spec } from '../testing/ref';\n");
  write('src/testing/ref.ts', 'export const spec = 1;\n');
  write('src/worker/leak.ts', "import { spec } from '../testing/ref';\n");
  write('src/cli/main.ts', "import type { S } from '../state/s';\nimport { a } from '../engine/a';\n");
  const r = checkTree(dir);

  it('names every upward import, a type-only one too, and lets tests use testing/', () => {
    expect(r.upward).toEqual([
      'src/cli/main.ts imports src/state/s.ts (cli may not import state)',
      'src/engine/a.ts imports src/state/s.ts (engine may not import state)',
      'src/views/v.tsx imports src/app/main.ts (views may not import app)',
      'src/worker/leak.ts imports src/testing/ref.ts (worker may not import testing)',
    ]);
  });

  it('finds every cycle, through a dynamic import too', () => {
    expect([...r.cycles].sort()).toEqual([
      ['src/app/main.ts', 'src/views/v.tsx'],
      ['src/state/s.ts', 'src/state/t.ts'],
    ]);
  });

  it('finds a file over the limit', () => {
    expect(r.oversized).toEqual([`src/worker/big.ts has ${MAX_LINES + 1} lines (at most ${MAX_LINES})`]);
  });

  it('reads static, type-only, re-exported and dynamic imports, and a worker URL, but not comments', () => {
    const text = [
      "import a from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "export * from './d';",
      "const e = await import('./e');",
      "new Worker(new URL('./f.ts', import.meta.url));",
      "import g from './g?url';",
      "// import h from './h';",
      "import x from 'react';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['./a', '../b', './c', './d', './e', './f.ts', './g']);
  });
});
