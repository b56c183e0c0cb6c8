/**
 * The PyTorch anchor: when a python3 with torch is on this machine (Debian: python3-torch, with
 * OpenBLAS from libopenblas0-pthread), runs bench/anchor/single_run.py (the app's default dense
 * run, one thread) and bench/anchor/comparison.py (the default probe comparison's training,
 * batched, on 1 and on 2 threads) with the app's defaults as JSON, made by bench/anchorPlan.ts.
 * Never part of `npm test` or CI: only `npm run bench` runs it.
 *
 * The TypeScript halves (anchorPlan.ts, anchorReport.ts) are bundled with rolldown (Vite's own
 * bundler, already installed) into bench/out/anchor/, so they read the app's sources directly.
 * The Python is found as $PYTHON, else python3, else /usr/bin/python3 (a pyenv or venv python3
 * first on PATH usually lacks Debian's torch): the first that imports torch.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const CANDIDATES = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
const SCRIPT_TIMEOUT_MS = 30 * 60_000; // a batched comparison takes a few minutes on an idle 2-core machine, far longer on a busy one

/** The bundled anchorPlan.ts and anchorReport.ts, as modules. */
export async function anchorModules() {
  const bundle = await rolldown({ input: { anchorPlan: 'bench/anchorPlan.ts', anchorReport: 'bench/anchorReport.ts' }, platform: 'node', logLevel: 'warn' });
  try {
    await bundle.write({ dir: 'bench/out/anchor', format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' });
  } finally {
    await bundle.close();
  }
  const load = (name) => import(`${pathToFileURL(`${process.cwd()}/bench/out/anchor/${name}.mjs`).href}?t=${Date.now()}`);
  const [plan, report] = await Promise.all([load('anchorPlan'), load('anchorReport')]);
  return { plan, report };
}

function torchPython() {
  for (const python of CANDIDATES) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return python;
  }
  return null;
}

/** Runs one anchor script; its JSON from stdout, or { error } with the last line of stderr. */
function runScript(python, script, args) {
  const t0 = Date.now();
  const r = spawnSync(python, ['-B', `bench/anchor/${script}`, ...args], { encoding: 'utf8', timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 16 * 2 ** 20 });
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  if (r.status !== 0) {
    const why = r.error?.message ?? (r.stderr.trim().split('\n').at(-1) || `exit status ${r.status}`);
    console.log(`  anchor ${script} ${args.slice(1).join(' ')} failed after ${seconds} s: ${why}`);
    return { error: why.replace(/\|/g, '/') };
  }
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1));
  console.log(`  anchor ${script} ${args.slice(1).join(' ')}: ${seconds} s`);
  return out;
}

/**
 * Measures the anchor: `{ available: false, reason }` without torch; else the single run and the
 * batched comparison on 1 and 2 threads (`quick`: one single-run repeat and no batched runs).
 */
export async function measureAnchor(modules, { quick = false } = {}) {
  const { plan, report } = modules;
  const python = torchPython();
  if (python === null) {
    console.log(`  ${report.ANCHOR_ABSENT}`);
    return { available: false, reason: report.ANCHOR_ABSENT };
  }
  const input = JSON.stringify(plan.anchorInput());
  const single = runScript(python, 'single_run.py', [input, ...(quick ? ['--repeats=1'] : [])]);
  if (!single.error) console.log(`  PyTorch single run: median ${Math.round(single.median)} steps/s (1 thread); with bookkeeping ${Math.round(single.withEval.median)}`);
  const batched = quick ? null : [1, 2].map((threads) => runScript(python, 'comparison.py', [input, `--threads=${threads}`]));
  for (const b of batched ?? []) if (!b.error) console.log(`  PyTorch batched comparison, ${b.threads} thread(s): ${b.wallSeconds.toFixed(1)} s, ${Math.round(b.modelStepsPerSecond)} model-steps/s`);
  return { available: true, single, batched };
}
