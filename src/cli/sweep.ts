/**
 * A task as a sweep of parts: the engine's own split (engine/labs/labParts.ts, one part per
 * seed), the i-th of N shards of it, and what the finished parts found, merged in the one-piece
 * lab's order into the run file's findings. A whole run, a shard and a merge of shards all end
 * in `findingsOf`, so a merge of every shard writes exactly the file of the whole run.
 *
 *   plan + dense run ─▶ partsOf ─▶ shardOf(i/N) ─▶ runParts (threads) ─▶ outputs ─▶ findingsOf
 *   shard files ─────────────────────────────────▶ outputsFromFile ─────────┘
 */
import { labClaimsOf } from '../engine/claims/labClaimsOf';
import type { Experiment } from '../engine/core/experiment';
import {
  type AnyOutput,
  type ComparisonOutput,
  type LabPart,
  type LotteryOutput,
  mergeComparison,
  mergeLottery,
  mergeSeeds,
  type SeedsOutput,
  splitComparison,
  splitLottery,
  splitSeeds,
} from '../engine/labs/labParts';
import { codesAt } from '../engine/labs/rederive';
import { claimsOver } from '../engine/labs/seedSweep';
import { PROBE_IDS } from '../engine/probes/registry';
import { featureSettings, type Settings } from '../settings/settings';
import type { LabFindings } from '../worker/runFileIO';
import type { DenseRun } from './denseRun';
import { ownRun } from './denseRun';
import type { LabSettingsOf, Shard, TaskName } from './plan';

/** What the run file says of the sweep that made it (its `sweep` field; docs/RUN_FILE.md). */
export interface SweepRecord {
  task: TaskName;
  /** The lab's settings, every seed of the whole sweep included (null for `run`). */
  lab: LabSettingsOf<TaskName>;
  /** How many parts the whole sweep has (one per seed; for claims across seeds, one per extra seed). */
  parts: number;
  /** Which parts this file holds: null for all of them (a whole run or a merge). */
  shard: (Shard & { from: number; to: number }) | null;
}

/** Every part of the task's sweep, in the one-piece lab's order (none for `run`). */
export function partsOf(task: TaskName, lab: LabSettingsOf<TaskName>, dense: DenseRun): LabPart[] {
  const own = ownRun(dense);
  if (task === 'compare') return splitComparison(lab as LabSettingsOf<'compare'>, own);
  if (task === 'lottery') {
    const { eps: _eps, ...settings } = lab as LabSettingsOf<'lottery'>;
    const atRewind = dense.history.kept.find((k) => k.step === settings.rewindStep)!.params;
    return splitLottery(settings, { ...own, atRewind });
  }
  if (task === 'seeds') return splitSeeds((lab as LabSettingsOf<'seeds'>).seeds, own);
  return [];
}

/** The part indices [from, to) of shard i of N: contiguous blocks whose sizes differ by at most one. */
export function shardRange(parts: number, shard: Shard): { from: number; to: number } {
  return { from: Math.floor(((shard.index - 1) * parts) / shard.count), to: Math.floor((shard.index * parts) / shard.count) };
}

/**
 * The findings of the outputs in hand, merged in the one-piece order (`outputs` hold parts
 * [from, to) of `record`, each with its index in the whole sweep).
 */
export function findingsOf(record: SweepRecord, dense: DenseRun, outputs: readonly AnyOutput[]): LabFindings {
  const { experiment, settings } = dense;
  const features = featureSettings(settings);
  const from = record.shard?.from ?? 0;
  const count = record.shard ? record.shard.to - record.shard.from : record.parts;
  const local = <O extends AnyOutput>(xs: readonly AnyOutput[]) => xs.map((o) => ({ ...o, index: o.index - from })) as O[];
  const none: LabFindings = { tickets: [], denseRuns: [], comparison: [], seedRuns: [] };
  if (record.task === 'compare') {
    const { seedRuns, results } = mergeComparison(local<ComparisonOutput>(outputs), count);
    const lab = record.lab as LabSettingsOf<'compare'>;
    const comparisonClaims = results.length > 0 ? labClaimsOf(results, seedRuns, experiment, features, PROBE_IDS) : null;
    return { ...none, comparison: results, seedRuns, comparisonSettings: lab, comparisonClaims };
  }
  if (record.task === 'lottery') {
    const { denseRuns, results } = mergeLottery(local<LotteryOutput>(outputs), count);
    const { eps, ...lab } = record.lab as LabSettingsOf<'lottery'>;
    return { ...none, tickets: results, denseRuns, lotterySettings: lab, eps, lotteryClaims: lotteryClaims(results, denseRuns, experiment, settings) };
  }
  if (record.task === 'seeds') {
    const main = ownRun(dense);
    const runs = mergeSeeds(main, local<SeedsOutput>(outputs), count);
    const claims = claimsOver(runs, experiment, features);
    return { ...none, sweep: { claims, runs: runs.slice(1).map((r) => ({ ...r, finalCodes: codesAt(r.final, experiment, features) })) } };
  }
  return none;
}

/** Claims 3 and 4 of the lottery lab's target tickets, as the worker computes them (worker/labRequests.ts). */
function lotteryClaims(tickets: LabFindings['tickets'], dense: LabFindings['denseRuns'], experiment: Experiment, settings: Settings) {
  if (tickets.length === 0) return null;
  const targets = tickets.filter((t) => t.target).map((t) => ({ ...t, codeRecovery: t.codes.filter((r) => r.length > 0).length / t.codes.length }));
  return labClaimsOf(targets, dense, experiment, featureSettings(settings), []);
}
