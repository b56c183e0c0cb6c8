/**
 * Batched training speed in Node, outside the test runner (under vitest, hot loops that read
 * imported constants run ~8x slower: TOOLCHAIN trap 6), for iterating on the kernels without a
 * browser. Same models as the diagnostics worker's batchedSpeed (engine/batchedBenchModels.ts):
 * default config, one data seed per 3 models. Run from the repository root:
 *
 *   npx rolldown bench/batchedNode.ts -o bench/out/batchedNode.mjs --platform node
 *   node bench/out/batchedNode.mjs [backends, default fused-wasm,fused-js,wasm,cpu]
 * Prints model-steps/s for 1, 16 and 64 models at once: the median of 5 repeats of up to ~1 s
 * for fused-wasm, of 3 short ones for the slower backends. webgl needs a browser: `npm run bench`.
 */
import './nodeGlobals';
// Named imports, used below: a bare side-effect import of a package's Node build can be dropped by the bundler.
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { benchModels } from '../src/engine/trainers/batchedBenchModels';
import { createBatchedTrainer } from '../src/engine/trainers/createBatchedTrainer';
import { generateTask } from '../src/engine/core/task';
import * as tf from '../src/engine/trainers/tf';
import { DEFAULTS, experimentConfig } from '../src/settings/settings';

const COUNTS = [1, 16, 64];
const config = experimentConfig(DEFAULTS);
const task = generateTask(config.task, config.seeds.task);

/**
 * Median model-steps/s of `repeats` timed calls, each on fresh models (made untimed) and sized
 * from a warm-up to take about `targetMs`, but never past one run (config.train.steps): far
 * past that a fitted model's gradients go subnormal and fused-wasm slows (bench.worker.ts).
 */
function measure(backend: string, count: number, repeats: number, targetMs: number): number {
  const options = benchModels({ task, train: config.train, seeds: config.seeds, count, perSeed: 3 });
  let trainer = createBatchedTrainer(backend, options);
  let steps = 0;
  const w0 = performance.now();
  for (let chunk = 1; steps < 2 || performance.now() - w0 < targetMs / 3; chunk = Math.min(chunk * 2, 256)) {
    trainer.train(chunk);
    trainer.lastLoss(0);
    steps += chunk;
  }
  const perRepeat = Math.min(config.train.steps, Math.max(3, Math.round((steps / (performance.now() - w0)) * targetMs)));
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    trainer.dispose();
    trainer = createBatchedTrainer(backend, options);
    const s = performance.now();
    trainer.train(perRepeat);
    trainer.lastLoss(0);
    rates.push((perRepeat * count) / ((performance.now() - s) / 1000));
  }
  trainer.dispose();
  return rates.sort((a, b) => a - b)[rates.length >> 1];
}

const backends = (process.argv[2] ?? 'fused-wasm,fused-js,wasm,cpu').split(',');
console.log(
  `Node ${process.version}, tfjs-backend-cpu ${version_cpu}, tfjs-backend-wasm ${version_wasm}; ${config.train.optimizer}, n ${config.task.n}, K ${config.task.K}, m ${config.train.m}, batch ${config.train.batch}; model-steps/s`,
);
for (const backend of backends) {
  if (!backend.startsWith('fused')) {
    await tf.setBackend(backend);
    await tf.ready();
  }
  const full = backend === 'fused-wasm';
  const rates = COUNTS.map((count) => measure(backend, count, full ? 5 : 3, full ? 1000 : 400));
  const cells = rates.map((r, i) => `${COUNTS[i]}: ${Math.round(r).toLocaleString('en-US')}`);
  console.log(`${backend.padEnd(10)} ${cells.join('  ')}  (${COUNTS.at(-1)} at once = ${(rates[rates.length - 1] / rates[0]).toFixed(2)}x 1 at a time)`);
}
