/**
 * `npm run bench`: measures the built app in headless Chromium and writes docs/BENCHMARKS.md.
 *   a. per backend and config: first-step latency and steady steps/s (diagnostics page worker);
 *   b. per backend: model-steps/s of 1, 16 and 64 models trained at once (batched trainers);
 *   c. main-thread frame pacing and long tasks in the real app, idle and while training;
 *   d. wall time of the full default run in the app;
 *   e. wall time of a full IMP sweep of the default config in the app (ticket + 2 controls);
 *   f. wall time of the default probe comparison in the app (9 methods x 4 sparsities x 5 seeds).
 * It serves dist/ with its own `vite preview` on port 4174 and always stops it. `--quick` is a
 * smoke run (1 short repeat, 1 s windows) that leaves docs/ alone and writes bench/out/ instead.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { machineInfo } from './machine.mjs';
import { measureBatched } from './batched.mjs';
import { measureLab } from './lab.mjs';
import { measureFullRun, measurePacing } from './pacing.mjs';
import { renderBlock, writeReport } from './report.mjs';
import { startPreview } from './server.mjs';
import { diagnosticsInfo, measureConfig, openDiagnostics } from './speed.mjs';

const PORT = 4174;
const quick = process.argv.includes('--quick');
const plan = quick
  ? { quick, repeats: 1, targetMs: 150, warmupMs: 100, pacingMs: 1000 }
  : { quick, repeats: 5, targetMs: 1000, warmupMs: 300, pacingMs: 5000 };
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LARGE = { n: 64, K: 48, m: 64, batch: 256 };

const describe = (s) => `n ${s.n}, K ${s.K}, k ${s.k}, m ${s.m}, batch ${s.batch}`;

async function main(server) {
  const machine = machineInfo();
  const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ headless: true, executablePath: existsSync(systemChromium) ? systemChromium : undefined, args: CHROMIUM_ARGS });
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
    machine.loadAverageAtEnd = machineInfo().loadAverage;
    return { comparison, date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC', plan, machine, chromium: browser.version(), probe, defaults, speed, batched, pacing, fullRun, sweep };
  } finally {
    await browser.close();
  }
}

const server = await startPreview(PORT);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (server.stop(), process.exit(130)));
process.on('exit', () => server.stop());
try {
  const t0 = Date.now();
  const results = await main(server);
  const block = renderBlock(results);
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/last-run.json', JSON.stringify(results, null, 2));
  const target = quick ? 'bench/out/BENCHMARKS.quick.md' : 'docs/BENCHMARKS.md';
  mkdirSync(target.slice(0, target.lastIndexOf('/')), { recursive: true });
  writeReport(target, block);
  console.log(`\n${block}\n\nWrote ${target} (raw results: bench/out/last-run.json) in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
} catch (err) {
  console.error(`bench failed: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  server.stop();
}
