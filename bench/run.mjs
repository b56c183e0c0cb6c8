/**
 * `npm run bench`: measures the built app in headless Chromium and writes docs/BENCHMARKS.md.
 *   a. per backend and config: first-step latency and steady steps/s (diagnostics page worker);
 *   b. per backend: model-steps/s of 1, 16 and 64 models trained at once (batched trainers);
 *   c. main-thread frame pacing and long tasks in the real app, idle and while training;
 *   d. wall time of the full default run in the app;
 *   e. wall time of a full IMP sweep of the default config in the app (ticket + 2 controls);
 *   f. wall time of the default probe comparison in the app (9 methods x 4 sparsities x 5 seeds);
 *   g. a long run in the app: 50,000 steps, steps/s, snapshots kept, page heap, worker tensors;
 *   h. the default comparison on 1 and 2 lab workers (the speed-up), and cancel on a pool;
 *   i. the PyTorch anchor (bench/anchor.mjs), when python3 with torch is here: d and f done in
 *      PyTorch on this machine (single run on 1 thread; batched comparison, best of 1 and 2
 *      threads), and the app's ratio to each.
 * It serves dist/ with its own `vite preview` on port 4174 (or BENCH_PORT) and always stops it.
 * `--quick` is a smoke run (1 short repeat, 1 s windows) that leaves docs/ alone and writes
 * bench/out/ instead. `--only=longrun` runs g alone, `--only=pool` h alone, and `--only=anchor`
 * i alone (measuring d and f again for it), each replacing just its section of the generated
 * block (the rest of the block stays as the last full run wrote it).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { anchorModules, measureAnchor } from './anchor.mjs';
import { measureCalibration } from './calibration.mjs';
import { machineInfo } from './machine.mjs';
import { measureBatched } from './batched.mjs';
import { measureLab } from './lab.mjs';
import { logLongRun, LONG_RUN_SCENARIOS, longRunSection, measureLongRun } from './longRun.mjs';
import { measureFullRun, measurePacing } from './pacing.mjs';
import { measurePool, poolSection } from './pool.mjs';
import { renderBlock, replaceSection, writeReport } from './report.mjs';
import { startPreview } from './server.mjs';
import { diagnosticsInfo, measureConfig, openDiagnostics } from './speed.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4174);
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? null;
if (only !== null && !['longrun', 'pool', 'anchor'].includes(only)) throw new Error(`--only=${only}: the parts that run alone are longrun, pool and anchor.`);
const plan = quick ? { quick, repeats: 1, targetMs: 150, warmupMs: 100, pacingMs: 1000 } : { quick, repeats: 5, targetMs: 1000, warmupMs: 300, pacingMs: 5000 };
// --enable-precise-memory-info: performance.memory unrounded, for the long run's heap figures.
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
];
const LARGE = { n: 64, K: 48, m: 64, batch: 256 };

const describe = (s) => `n ${s.n}, K ${s.K}, k ${s.k}, m ${s.m}, batch ${s.batch}`;

async function launch() {
  const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({ headless: true, executablePath: existsSync(systemChromium) ? systemChromium : undefined, args: CHROMIUM_ARGS });
}

async function longRuns(context, server) {
  const rows = [];
  for (const scenario of LONG_RUN_SCENARIOS) {
    const r = await measureLongRun(context, server.url, scenario);
    logLongRun(r);
    rows.push(r);
  }
  return rows;
}

/** `--only=longrun`: the long runs alone, spliced into the existing generated block. */
async function longRunOnly(server) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const rows = await longRuns(context, server);
    const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    const m = machineInfo();
    const note = `_Measured by \`npm run bench -- --only=longrun\` on ${date} (Chromium ${browser.version()}, ${m.nproc} CPUs, load average ${m.loadAverage.map((v) => v.toFixed(2)).join(' / ')}), after the rest of this block._`;
    return { rows, section: `${longRunSection(rows)}\n\n${note}` };
  } finally {
    await browser.close();
  }
}

const stamp = () => new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const loads = (l) => l.map((v) => v.toFixed(2)).join(' / ');

/** `--only=anchor`: auto's calibration, the app's full default run and default comparison, the comparison on 1 and 2 pool workers, then the PyTorch anchor: one run. */
async function anchorOnly(server) {
  const start = machineInfo();
  const browser = await launch();
  let fullRun;
  let comparison;
  let version;
  let calibration;
  let pool;
  try {
    calibration = await measureCalibration(browser, server.url);
    console.log(`  calibration: ${calibration.text}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    fullRun = await measureFullRun(context, server.url);
    console.log(`  full default run: ${(fullRun.wallMs / 1000).toFixed(2)} s for ${fullRun.steps} steps on ${fullRun.backend}`);
    comparison = await measureLab(context, server.url, 'comparison');
    console.log(`  comparison: ${(comparison.wallMs / 1000).toFixed(1)} s for ${comparison.count} masks on ${comparison.backend}`);
    pool = await measurePool(context, server.url);
    version = browser.version();
  } finally {
    await browser.close();
  }
  const modules = await anchorModules();
  const anchor = await measureAnchor(modules);
  const end = machineInfo();
  const note = `_Measured by \`node bench/run.mjs --only=anchor\` on ${stamp()} (Chromium ${version}, ${start.nproc} CPUs, load average (1/5/15 min) ${loads(start.loadAverage)} at start, ${loads(end.loadAverage)} at end), after the rest of this block._`;
  return {
    pool,
    results: { calibration, fullRun, comparison, pool, anchor, loadAverage: start.loadAverage, loadAverageAtEnd: end.loadAverage },
    section: `${modules.report.anchorSection(anchor, { fullRun, comparison })}\n\n\`auto\`'s calibration on a first visit in this run (the badge's tooltip, measured in the page): ${calibration.text}\n\n${note}`,
  };
}

async function main(server) {
  const machine = machineInfo();
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const diag = await openDiagnostics(context, server.url);
    const { backends, defaults, probe } = await diagnosticsInfo(diag);
    console.log(`WebGL renderer in the worker: ${probe.renderer} (software: ${probe.software}); backends: ${backends.join(', ')}`);
    const configs = [
      { id: 'default', settings: {}, label: `default config (${describe(defaults)})` },
      { id: 'large', settings: LARGE, label: `larger config (${describe({ ...defaults, ...LARGE })})` },
    ];
    await diag.close();
    // A fresh page (and worker) per config, so each first step is a cold start, shaders included.
    const speed = [];
    for (const config of configs) {
      const page = await openDiagnostics(context, server.url);
      speed.push({ ...config, rows: await measureConfig(page, backends, config, plan) });
      await page.close();
    }
    const batchedPage = await openDiagnostics(context, server.url);
    const batched = await measureBatched(batchedPage, backends, plan);
    await batchedPage.close();

    const scenarios = [
      { id: 'idle', label: 'app idle (baseline)', query: '', play: false },
      { id: 'default', label: 'training, default config', query: '?steps=50000', play: true },
      { id: 'large', label: 'training, n 64, K 48, m 64', query: '?steps=50000&n=64&K=48&m=64', play: true },
    ];
    const pacing = [];
    for (const s of scenarios) {
      const p = await measurePacing(context, server.url, s, plan.pacingMs);
      console.log(`  pacing ${s.id.padEnd(8)} rAF p50 ${p.p50.toFixed(1)} p95 ${p.p95.toFixed(1)} max ${p.max.toFixed(1)} ms, ${p.longTaskCount} long tasks (${p.longTaskMs.toFixed(0)} ms)`);
      pacing.push(p);
    }
    const fullRun = await measureFullRun(context, server.url);
    console.log(`  full default run: ${(fullRun.wallMs / 1000).toFixed(2)} s for ${fullRun.steps} steps on ${fullRun.backend}`);
    const sweep = await measureLab(context, server.url, 'lottery');
    console.log(`  IMP sweep: ${(sweep.wallMs / 1000).toFixed(2)} s for ${sweep.count} networks on ${sweep.backend}; rAF p95 ${sweep.p95.toFixed(1)} ms`);
    const comparison = await measureLab(context, server.url, 'comparison');
    console.log(`  comparison: ${(comparison.wallMs / 1000).toFixed(2)} s for ${comparison.count} masks on ${comparison.backend}; rAF p95 ${comparison.p95.toFixed(1)} ms`);
    const longRun = quick ? null : await longRuns(context, server);
    const pool = quick ? null : await measurePool(context, server.url);
    const modules = await anchorModules();
    const anchor = await measureAnchor(modules, { quick });
    machine.loadAverageAtEnd = machineInfo().loadAverage;
    return {
      comparison,
      date: stamp(),
      plan,
      machine,
      chromium: browser.version(),
      probe,
      defaults,
      speed,
      batched,
      pacing,
      fullRun,
      sweep,
      longRun,
      pool,
      anchor,
      anchorSection: modules.report.anchorSection(anchor, { fullRun, comparison }),
    };
  } finally {
    await browser.close();
  }
}

const server = await startPreview(PORT);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (server.stop(), process.exit(130)));
process.on('exit', () => server.stop());
try {
  const t0 = Date.now();
  if (only === 'pool') {
    const browser = await launch();
    try {
      const pool = await measurePool(await browser.newContext(), server.url);
      mkdirSync('bench/out', { recursive: true });
      writeFileSync('bench/out/last-pool.json', JSON.stringify(pool, null, 2));
      replaceSection('docs/BENCHMARKS.md', poolSection(pool));
      console.log(`\n${poolSection(pool)}\n\nReplaced its section in docs/BENCHMARKS.md in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
    } finally {
      await browser.close();
    }
  } else if (only === 'anchor') {
    // One run: the calibration, the app's full run and comparison, the pool on 1 and 2 workers, then PyTorch.
    const { results, section, pool } = await anchorOnly(server);
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/last-anchor.json', JSON.stringify(results, null, 2));
    replaceSection('docs/BENCHMARKS.md', section);
    replaceSection('docs/BENCHMARKS.md', poolSection(pool));
    console.log(`\n${section}\n\nReplaced its section in docs/BENCHMARKS.md (raw results: bench/out/last-anchor.json) in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  } else if (only === 'longrun') {
    const { rows, section } = await longRunOnly(server);
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/last-longrun.json', JSON.stringify(rows, null, 2));
    replaceSection('docs/BENCHMARKS.md', section);
    console.log(`\n${section}\n\nReplaced its section in docs/BENCHMARKS.md (raw results: bench/out/last-longrun.json) in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  } else {
    const results = await main(server);
    const block = renderBlock(results);
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/last-run.json', JSON.stringify(results, null, 2));
    const target = quick ? 'bench/out/BENCHMARKS.quick.md' : 'docs/BENCHMARKS.md';
    mkdirSync(target.slice(0, target.lastIndexOf('/')), { recursive: true });
    writeReport(target, block);
    console.log(`\n${block}\n\nWrote ${target} (raw results: bench/out/last-run.json) in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  }
} catch (err) {
  console.error(`bench failed: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  server.stop();
}
