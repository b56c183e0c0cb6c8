/**
 * The labs' split by seed in Node, without a browser: the default probe comparison (9 methods x
 * 4 sparsities x 5 seeds on the default run, fused-wasm) in one piece; its parts one after the
 * other in this thread (the work the split adds: a seed's dense run and IMP rounds train alone
 * instead of batched with the other seeds'); and its parts on N worker_threads taking parts in
 * order as the app's pool does (src/worker/pool/workerPool.ts). Prints wall and CPU seconds and
 * checks that every way gives the same results. Run from the repository root:
 *
 *   npx rolldown bench/poolNode.ts -o bench/out/poolNode.mjs --platform node
 *   node bench/out/poolNode.mjs [threads, default 2]
 */
import './nodeGlobals';
import { isDeepStrictEqual } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { analyzeRun } from '../src/engine/analysis/runAnalysis';
import { buildExperiment } from '../src/engine/core/experiment';
import { type AnyOutput, type ComparisonOutput, type LabPart, mergeComparison, runPart, splitComparison } from '../src/engine/labs/labParts';
import { METHOD_IDS, ProbeComparison, type SeedRun } from '../src/engine/labs/probeComparison';
import { createTrainer } from '../src/engine/trainers/createTrainer';
import * as tf from '../src/engine/trainers/tf';
import { DEFAULTS, experimentConfig, featureSettings } from '../src/settings/settings';

const experiment = buildExperiment(experimentConfig(DEFAULTS));
const features = featureSettings(DEFAULTS);
const BACKEND = 'fused-wasm';

function ownRun(): SeedRun {
  const { config, task, init } = experiment;
  const t = createTrainer(BACKEND, { task, train: config.train, dataSeed: config.seeds.data, init, masks: null, startStep: 0 });
  t.train(config.train.steps);
  const final = t.params();
  t.dispose();
  const snaps = [
    { step: 0, params: init },
    { step: config.train.steps, params: final },
  ];
  const finalCodes = analyzeRun(snaps, experiment.shape, task.clauses, features).finalCodes;
  return { seed: config.seeds.init, dataSeed: config.seeds.data, init, final, finalCodes, ...experiment.evaluator.evaluate(final) };
}

function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function inThreads(parts: LabPart[], threads: number): Promise<{ outputs: AnyOutput[]; wall: number }> {
  const t0 = performance.now();
  const queue = [...parts];
  const outputs: AnyOutput[] = [];
  const worker = async () => {
    const w = new Worker(new URL(import.meta.url), { workerData: true });
    try {
      for (let part = queue.shift(); part; part = queue.shift()) {
        w.postMessage(part);
        outputs.push(await new Promise<AnyOutput>((resolve, reject) => (w.once('message', resolve), w.once('error', reject))));
      }
    } finally {
      await w.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(threads, parts.length) }, worker));
  return { outputs, wall: (performance.now() - t0) / 1000 };
}

async function main() {
  await tf.setBackend('cpu');
  const threads = Number(process.argv[2] ?? 2);
  const seeds = [0, 1, 2, 3, 4].map((i) => experiment.config.seeds.init + i);
  const settings = { methods: [...METHOD_IDS], sparsities: [0.5, 0.7, 0.8, 0.9], seeds, lambda: 0.5, motionSteps: 50 };
  console.log(`tfjs-backend-cpu ${version_cpu}; default comparison (${settings.methods.length} methods x ${settings.sparsities.length} sparsities x ${seeds.length} seeds), ${BACKEND}`);
  const own = ownRun();
  const whole = timed(() => {
    const lab = new ProbeComparison(BACKEND, experiment, own, features, settings);
    while (!lab.finished) lab.advance(64);
    return lab.results;
  });
  console.log(`one piece:            wall ${whole.wall.toFixed(1)} s, cpu ${whole.cpu.toFixed(1)} s, ${whole.value.length} results`);
  const parts = splitComparison(settings, own);
  const serial = timed(() => parts.map((p) => runPart(BACKEND, experiment, features, p)));
  console.log(`parts one by one:     wall ${serial.wall.toFixed(1)} s, cpu ${serial.cpu.toFixed(1)} s (${(serial.cpu / whole.cpu).toFixed(2)}x the one piece's CPU)`);
  const pooled = await inThreads(parts, threads);
  const merged = mergeComparison(pooled.outputs as ComparisonOutput[], parts.length);
  console.log(`parts on ${threads} threads:   wall ${pooled.wall.toFixed(1)} s: a speed-up of ${(whole.wall / pooled.wall).toFixed(2)}x over one piece`);
  const same = isDeepStrictEqual(merged.results, whole.value) && isDeepStrictEqual(mergeComparison(serial.value as ComparisonOutput[], parts.length).results, whole.value);
  console.log(`same results every way: ${same}`);
  if (!same) process.exitCode = 1;
}

if (isMainThread) await main();
else if (workerData) {
  await tf.setBackend('cpu');
  parentPort!.on('message', (part: LabPart) => parentPort!.postMessage(runPart(BACKEND, experiment, features, part)));
}
