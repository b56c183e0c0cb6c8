/**
 * docs/RUN_FILE.md shows the Python loader in full, and CI runs docs/examples/load_run.py on a
 * run file the e2e tests exported (.ci/run). The two copies must be one text, or the doc could
 * show code that no one runs.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const DOC = 'docs/RUN_FILE.md';
const LOADER = 'docs/examples/load_run.py';

/** The python block between the doc's `load_run.py: begin` and `end` markers. */
function docBlock(markdown: string): string {
  const found = markdown.match(/<!-- load_run\.py: begin -->\n```python\n([\s\S]*?)```\n<!-- load_run\.py: end -->/);
  expect(found, `${DOC} holds the loader between its markers`).not.toBeNull();
  return found![1];
}

test("the doc's Python loader is docs/examples/load_run.py, character for character", () => {
  expect(docBlock(readFileSync(DOC, 'utf8'))).toBe(readFileSync(LOADER, 'utf8'));
});

test('the loader needs numpy and nothing else outside the standard library', () => {
  const imports = [...readFileSync(LOADER, 'utf8').matchAll(/^(?:import (\w+)|from (\w+) import)/gm)].map((m) => m[1] ?? m[2]);
  expect(imports.sort()).toEqual(['json', 'numpy', 'sys']);
});
