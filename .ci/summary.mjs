// Sums the unit (vitest) and end-to-end (Playwright) JSON reports and the Python loader's
// result into the one closing line
// CI reads: "N passed, N failed". A report that is missing counts as one failure (its
// runner never finished), so a red step can never read as green.
import { existsSync, readFileSync } from 'node:fs';

function read(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
const unit = read('test-results/unit.json');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += (unit.numFailedTests ?? 0) + (unit.numRuntimeErrorTestSuites ?? 0);
} else {
  console.log('unit report missing: test-results/unit.json');
  failed += 1;
}
const e2e = read('test-results/e2e.json');
if (e2e) {
  passed += (e2e.stats?.expected ?? 0) + (e2e.stats?.flaky ?? 0);
  failed += (e2e.stats?.unexpected ?? 0) + (e2e.errors?.length ?? 0);
} else {
  console.log('e2e report missing: test-results/e2e.json');
  failed += 1;
}
// The Python loader of docs/RUN_FILE.md, run by .ci/run on a run file the e2e tests exported:
// one test.
const loader = read('test-results/python-loader.json');
if (loader?.exitCode === 0) {
  passed += 1;
} else {
  console.log(loader ? `python loader failed (exit ${loader.exitCode}): ${loader.loader} on ${loader.runFile}` : 'python loader report missing: test-results/python-loader.json');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
