/**
 * What each command does, from a checked plan to its files:
 *
 *   task:  dense run (this thread) ─▶ parts (labParts.ts) ─▶ this shard's ─▶ threads ─▶ findings ─▶ --out, --csv
 *   merge: shard files ─▶ outputs of every part ─▶ findings ─▶ --out, --csv
 *
 * Progress goes to stderr (progress.ts); files are written whole or not at all (output.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { comparisonPlan, lotteryPlan } from '../engine/labs/labPlan';
import { lotteryProblem } from '../settings/labSchema';
import { featureSettings } from '../settings/settings';
import type { MergePlan, Plan } from './args';
import { csvText } from './csv';
import { trainDenseRun } from './denseRun';
import { mergeShards } from './merge';
import { writeAtomic } from './output';
import { type LabSettingsOf, UsageError } from './plan';
import { Progress, type ProgressSink } from './progress';
import { runFileText } from './runFileOut';
import { findingsOf, partsOf, shardRange, type SweepRecord } from './sweep';
import { runParts } from './threads';

/** How many parts a task's sweep has (one per seed; claims across seeds: one per extra seed). */
export function partCount(plan: Plan): number {
  if (plan.command === 'run') return 0;
  const seeds = (plan.lab as { seeds: number[] }).seeds;
  return plan.command === 'seeds' ? seeds.length - 1 : seeds.length;
}

/** Refuses outputs that cannot be written (before hours of training, not after). */
function checkOutputs(paths: (string | null)[], needOne: boolean): void {
  const given = paths.filter((p): p is string => p !== null);
  if (needOne && given.length === 0) throw new UsageError('Nothing to write: give --out FILE (the run file) and/or --csv FILE.');
  if (new Set(given.map((p) => resolve(p))).size !== given.length) throw new UsageError('--out and --csv must be different files.');
  for (const p of given) {
    const dir = dirname(resolve(p));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${p}: the folder ${dir} does not exist.`);
    if (existsSync(p) && statSync(p).isDirectory()) throw new UsageError(`${p}: is a folder.`);
  }
}

/** Part `index`'s model-steps (the first part's seed has its dense run already), for the progress bar until its thread reports its own count. */
function partSteps(plan: Plan, index: number): number {
  const { steps, n, m, K } = plan.settings;
  const dense = index === 0 && plan.command !== 'seeds' ? 0 : steps;
  if (plan.command === 'compare') return comparisonPlan({ n, m, K }, steps, { ...(plan.lab as LabSettingsOf<'compare'>), seeds: [0] }).modelSteps + dense;
  if (plan.command === 'lottery') return lotteryPlan({ n, m, K }, steps, { ...(plan.lab as LabSettingsOf<'lottery'>), seeds: [0] }).modelSteps + dense;
  return dense;
}

export async function runTask(plan: Plan, bundle: URL, stderr: ProgressSink): Promise<void> {
  checkOutputs([plan.out, plan.csv], true);
  const parts = partCount(plan);
  if (plan.shard && plan.command === 'run') throw new UsageError('--shard splits a sweep (lottery, compare, seeds); run has nothing to split.');
  if (plan.shard && plan.shard.count > parts) throw new UsageError(`--shard: this sweep has ${parts} part${parts === 1 ? '' : 's'} (one per seed), so at most ${parts} shards.`);
  const progress = new Progress(plan.command, plan.quiet ? null : stderr);
  const { settings } = plan;
  const range = plan.shard ? shardRange(parts, plan.shard) : { from: 0, to: parts };
  const totals = new Map(Array.from({ length: range.to - range.from }, (_, i) => [range.from + i, partSteps(plan, range.from + i)]));
  const done = new Map<number, number>();
  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, x) => a + x, 0);
  const dense = trainDenseRun(settings, plan.clauses, (step) => progress.update(step, settings.steps + sum(totals)));
  if (plan.command === 'lottery') {
    const lab = plan.lab as LabSettingsOf<'lottery'>;
    const problem = lotteryProblem(lab, { settings, hasSnapshot: (s) => dense.history.kept.some((k) => k.step === s) });
    if (problem && /rewind/i.test(problem)) throw new UsageError(`lottery: ${problem}`);
  }
  const all = partsOf(plan.command, plan.lab, dense);
  const mine = all.slice(range.from, range.to);
  const context = { backend: settings.backend, config: dense.experiment.config, clauses: dense.experiment.task.clauses, features: featureSettings(settings) };
  const outputs = await runParts(bundle, context, mine, plan.threads, (index, d, total) => {
    done.set(index, d);
    totals.set(index, total);
    progress.update(settings.steps + sum(done), settings.steps + sum(totals));
  });
  const record: SweepRecord = { task: plan.command, lab: plan.lab, parts: all.length, shard: plan.shard ? { ...plan.shard, ...range } : null };
  const findings = findingsOf(record, dense, outputs);
  if (plan.out) writeAtomic(plan.out, runFileText(record, dense, findings));
  if (plan.csv) writeAtomic(plan.csv, csvText(plan.command, dense, findings));
  if (plan.command === 'run') return progress.finish(`the dense run, ${settings.steps} steps`);
  progress.finish(
    `${mine.length} part${mine.length === 1 ? '' : 's'}${plan.shard ? ` (shard ${plan.shard.index}/${plan.shard.count})` : ''} on ${Math.min(plan.threads, Math.max(1, mine.length))} thread(s)`,
  );
}

export function runMerge(plan: MergePlan, stderr: ProgressSink): void {
  checkOutputs([plan.out, plan.csv], true);
  for (const f of plan.files) if (!existsSync(f) || !statSync(f).isFile()) throw new UsageError(`${f}: no such file.`);
  const progress = new Progress('merge', plan.quiet ? null : stderr);
  const { record, shard, outputs } = mergeShards(plan.files.map((name) => ({ name, text: readFileSync(name, 'utf8') })));
  const findings = findingsOf(record, shard.dense, outputs);
  writeAtomic(plan.out, runFileText(record, shard.dense, findings));
  if (plan.csv) writeAtomic(plan.csv, csvText(record.task, shard.dense, findings));
  progress.finish(`${plan.files.length} shards of a ${record.task} sweep joined`);
}
