/// <reference lib="webworker" />
/**
 * A pool worker: runs one part of a lab (one seed's share, engine/labs/labParts.ts) at a time
 * for the training worker, in slices so that `exit` and the next `run` are heard, and sends its
 * progress and each phase's new results (poolProtocol.ts). The probes that score masks with
 * tfjs (SNIP, GraSP) run on the tfjs cpu backend, as in the training worker (tfjsProbes.ts).
 */
import { buildExperiment } from '../../engine/core/experiment';
import { partLab, type PartLab } from '../../engine/labs/labParts';
import type { PartProgress, PoolCommand, PoolEvent } from './poolProtocol';
import { useCpuForProbes } from './tfjsProbes';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const SLICE_MS = 40;
const PROGRESS_MS = 100;
let current: { job: number; lab: PartLab } | null = null;

const post = (event: PoolEvent) => scope.postMessage(event);

scope.onmessage = async (e: MessageEvent<PoolCommand>) => {
  const cmd = e.data;
  if (cmd.type === 'exit') return scope.close();
  current?.lab.dispose();
  current = null;
  try {
    await useCpuForProbes();
    const experiment = buildExperiment(cmd.config, cmd.clauses);
    current = { job: cmd.job, lab: partLab(cmd.backend, experiment, cmd.features, cmd.part) };
    slice(current, { dense: 0, results: 0 }, 0);
  } catch (err) {
    post({ type: 'failed', job: cmd.job, message: err instanceof Error ? err.message : String(err) });
  }
};

/** Advances the part for a slice, sends what is new, and goes on after pending messages. */
function slice(run: { job: number; lab: PartLab }, sent: { dense: number; results: number }, lastProgress: number): void {
  if (current !== run) return;
  const { lab, job } = run;
  try {
    const deadline = performance.now() + SLICE_MS;
    while (!lab.finished && performance.now() < deadline) lab.advance(8);
    const dense = 'seedRuns' in lab ? lab.seedRuns : 'denseRuns' in lab ? lab.denseRuns : [];
    if (lab.finished || lab.results.length > sent.results || dense.length > sent.dense) {
      post({ type: 'output', job, from: sent.results, dense: dense.slice(sent.dense), results: lab.results.slice(sent.results), done: lab.finished });
      sent = { dense: dense.length, results: lab.results.length };
    }
    const now = performance.now();
    if (lab.finished || now - lastProgress >= PROGRESS_MS) {
      post({ type: 'progress', job, progress: lab.progress() as unknown as PartProgress });
      lastProgress = now;
    }
    if (lab.finished) {
      lab.dispose();
      current = null;
      return;
    }
    setTimeout(() => slice(run, sent, lastProgress), 0);
  } catch (err) {
    lab.dispose();
    current = null;
    post({ type: 'failed', job, message: err instanceof Error ? err.message : String(err) });
  }
}
