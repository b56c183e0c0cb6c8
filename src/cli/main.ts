/**
 * The command line's entry (bin/lottery-lens.mjs runs its bundle): `main(argv)` returns the
 * exit code: 0 done, 1 a failure while running, 2 a bad command line (with the usage on
 * stderr) or input files it refuses (a merge of shards of different sweeps). In a worker thread, the same bundle serves parts of a sweep instead (threads.ts).
 */
// Named import, used below: a bare side-effect import of a package's Node build can be dropped by the bundler.
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { isMainThread, workerData } from 'node:worker_threads';
import * as tf from '../engine/trainers/tf';
import { parseArgs, UsageError } from './args';
import { InputError } from './plan';
import { runMerge, runTask } from './commands';
import { partWorker } from './threads';
import { usage } from './usage';

/** The probes' autograd (SNIP, GraSP, SynFlow) runs on tfjs's cpu backend; training runs on the fused step. */
async function prepare(): Promise<void> {
  if (!version_cpu) throw new Error('tfjs-backend-cpu is missing');
  // Production mode: no debug checks, and no console advice to install tfjs-node (which does not install here).
  tf.enableProdMode();
  await tf.setBackend('cpu');
}

if (!isMainThread && (workerData as { lotteryLens?: unknown } | null)?.lotteryLens) void partWorker(prepare);

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const plan = parseArgs(argv);
    if (plan.command === 'help') {
      process.stdout.write(usage());
      return 0;
    }
    if (plan.command === 'merge') runMerge(plan, process.stderr);
    else {
      await prepare();
      await runTask(plan, new URL(import.meta.url), process.stderr);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`lottery-lens: ${e.message}\n\n${usage()}`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`lottery-lens: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`lottery-lens: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
