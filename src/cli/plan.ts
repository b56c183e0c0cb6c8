/**
 * The command line's vocabulary: its commands, the backends it trains on in Node, what each
 * task's lab is set with, and a shard of a sweep.
 */
import type { ComparisonSettings } from '../engine/labs/probeComparison';
import type { LotterySettings } from '../engine/labs/lotteryExperiment';

export const CLI_COMMANDS = ['run', 'lottery', 'compare', 'seeds', 'merge'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];
/** The commands that train (merge only reads files). */
export type TaskName = Exclude<CliCommand, 'merge'>;

/** Backends that run in Node without a browser: the fused step, in WebAssembly or typed arrays. */
export const CLI_BACKENDS = ['fused-wasm', 'fused-js'] as const;
export type CliBackend = (typeof CLI_BACKENDS)[number];

/** The most seeds one sweep takes (a tab takes 5 per lab and 20 for claims; here each seed is a part of its own). */
export const MAX_CLI_SEEDS = 1000;

/** What each task's lab runs with: the lab schema's requests (the lottery's with its ε), the claims' seeds. */
export interface LabSettingsByTask {
  run: null;
  lottery: LotterySettings & { eps: number };
  compare: ComparisonSettings;
  seeds: { seeds: number[] };
}
export type LabSettingsOf<T extends TaskName> = LabSettingsByTask[T];

/** The i-th (1-based) of `count` disjoint parts of a sweep. */
export interface Shard {
  index: number;
  count: number;
}

/** A bad command line: its message goes to stderr with the usage, and the exit code is 2. */
export class UsageError extends Error {}

/** Input files that cannot be used as asked (a merge of shards of different sweeps): the message alone, exit code 2. */
export class InputError extends Error {}
