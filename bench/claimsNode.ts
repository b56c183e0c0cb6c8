/**
 * The paper's claims on the default task, across seeds, in Node (fused-wasm), for the closing
 * notes and docs: claims 1 and 2 pooled over the seeds' dense runs, and claim 5 from the probe
 * comparison at the given sparsities. Run from the repository root:
 *
 *   npx rolldown bench/claimsNode.ts -o bench/out/claimsNode.mjs --platform node
 *   node bench/out/claimsNode.mjs [seeds, default 8] [sparsities, default 0.8,0.9]
 */
import './nodeGlobals';
// Named imports, used below: a bare side-effect import of a package's Node build can be dropped by the bundler.
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '../src/engine/trainers/tf';
import { analyzeRun } from '../src/engine/analysis/runAnalysis';
import { probeClaims } from '../src/engine/claims/labClaims';
import { buildExperiment } from '../src/engine/core/experiment';
import { METHOD_IDS, ProbeComparison } from '../src/engine/labs/probeComparison';
import { claimsOver } from '../src/engine/labs/seedSweep';
import { createTrainer } from '../src/engine/trainers/createTrainer';
import { DEFAULTS, experimentConfig, featureSettings } from '../src/settings/settings';

await tf.setBackend('cpu');
console.log(`tfjs-backend-cpu ${version_cpu} (probes' autograd)`);
const seedCount = Number(process.argv[2] ?? 8);
const sparsities = (process.argv[3] ?? '0.8,0.9').split(',').map(Number);
const s = DEFAULTS;
const exp = buildExperiment(experimentConfig(s));
const fs = featureSettings(s);
const started = Date.now();
const t = createTrainer('fused-wasm', { task: exp.task, train: exp.config.train, dataSeed: s.seedData, init: exp.init, masks: null, startStep: 0 });
t.train(s.steps);
const final = t.params();
const a = analyzeRun(
  [
    { step: 0, params: exp.init },
    { step: s.steps, params: final },
  ],
  exp.shape,
  exp.task.clauses,
  fs,
);
const own = { seed: s.seedInit, dataSeed: s.seedData, init: exp.init, final, finalCodes: a.finalCodes, ...exp.evaluator.evaluate(final) };
const seeds = [s.seedInit, ...Array.from({ length: seedCount - 1 }, (_, i) => s.seedInit + 1 + i)];
const cmp = new ProbeComparison('fused-wasm', exp, own, fs, { methods: [...METHOD_IDS], sparsities, seeds, lambda: 0.5, motionSteps: 50 });
while (!cmp.finished) cmp.advance(200);
const claims = claimsOver(cmp.seedRuns, exp, fs);
const pct = (x: number) => (100 * x).toFixed(1);
const p = claims.proximity;
console.log(`seeds ${claims.seeds.join(',')} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
console.log(
  `claim 1: ${p.verdict}; nearer-ratio ${p.nearerRatio.toFixed(3)} [${p.ci95.map((x) => x.toFixed(3)).join(', ')}]; mean d0 final ${p.meanD0Final.toFixed(3)} vs all ${p.meanD0All.toFixed(3)}`,
);
for (const b of p.byD0) console.log(`  d0=${b.d0}: ${b.codes}/${b.locations} = ${pct(b.rate)}% [${pct(b.ci95[0])}, ${pct(b.ci95[1])}]`);
const r = claims.rejection;
console.log(`claim 2: ${r.verdict}; Cochran-Armitage z ${r.z.toFixed(3)}, p ${r.p.toFixed(4)}`);
for (const b of r.byCrowd0) console.log(`  crowd0 ${b.bucket}: ${b.rejected}/${b.precursors} = ${pct(b.rate)}% [${pct(b.ci95[0])}, ${pct(b.ci95[1])}]`);
for (const c of probeClaims(cmp.results, ['distance', 'motion'])) {
  console.log(
    `claim 5 @${pct(c.sparsity)}% ${c.probe} vs ${c.other} ${c.metric}: ${c.verdict} (n ${c.n}; W/T/L ${c.wins}/${c.ties}/${c.losses}; mean ${c.meanDifference.toFixed(4)} [${c.ci95.map((x) => x.toFixed(4)).join(', ')}])`,
  );
}
