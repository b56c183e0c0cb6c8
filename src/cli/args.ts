/**
 * The command line read into a plan, or a usage error (exit code 2). Every setting is
 * `--key value` (or `--key=value`) with the URL's keys and checks (settings.ts SCHEMA, the
 * `clauses` syntax of url.ts); lab settings come from the lab schema (labSchema.ts).
 *
 *   argv ─▶ command ─▶ options (--key value | --flag) ─▶ settings (SCHEMA, cross-field rules)
 *        ─▶ lab settings (LAB_SCHEMA; seeds "1..8,12") ─▶ Plan | UsageError
 */
import { availableParallelism } from 'node:os';
import { clausesFromUrl, customClauses } from '../engine/core/clauseSyntax';
import type { Clause } from '../engine/core/types';
import { CLI_BACKENDS, type CliBackend, CLI_COMMANDS, type CliCommand, type LabSettingsOf, type Shard, type TaskName, UsageError } from './plan';

export { UsageError };
import { labOptions } from './labArgs';
import { DEFAULTS, SCHEMA, SETTING_KEYS, crossFieldErrors, experimentConfig, parseField, type SettingKey, type Settings } from '../settings/settings';

/** Options every command but merge takes, besides the settings and the lab's. */
const COMMON = ['out', 'csv', 'threads', 'shard', 'clauses'] as const;
const FLAGS = ['quiet', 'help'] as const;

export interface Plan<T extends TaskName = TaskName> {
  command: T;
  settings: Settings;
  /** Edited clauses (the URL's `clauses` key), or undefined for the task seed's. */
  clauses?: Clause[];
  lab: LabSettingsOf<T>;
  out: string | null;
  csv: string | null;
  threads: number;
  shard: Shard | null;
  quiet: boolean;
}

export interface MergePlan {
  command: 'merge';
  files: string[];
  out: string;
  csv: string | null;
  quiet: boolean;
}

export type Parsed = Plan | MergePlan | { command: 'help' };

/** Splits argv into positionals, `--key value` options (each at most once) and flags. */
function split(argv: readonly string[]): { positional: string[]; options: Map<string, string>; flags: Set<string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = a.slice(2, eq < 0 ? undefined : eq);
    if ((FLAGS as readonly string[]).includes(key)) {
      if (eq >= 0) throw new UsageError(`--${key} takes no value.`);
      flags.add(key);
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${key} needs a value.`);
    if (options.has(key)) throw new UsageError(`--${key} is given more than once.`);
    options.set(key, value);
  }
  return { positional, options, flags };
}

/** Reads the command line; throws UsageError with the first problem. */
export function parseArgs(argv: readonly string[]): Parsed {
  const { positional, options, flags } = split(argv);
  if (flags.has('help') || positional[0] === 'help' || argv.length === 0) return { command: 'help' };
  const command = positional[0] as CliCommand;
  if (!(CLI_COMMANDS as readonly string[]).includes(command)) throw new UsageError(`Unknown command “${String(command).slice(0, 40)}”; choose one of ${CLI_COMMANDS.join(', ')}.`);
  const quiet = flags.has('quiet');
  if (command === 'merge') {
    for (const key of options.keys()) if (key !== 'out' && key !== 'csv') throw new UsageError(`merge takes only files, --out and --csv (not --${key}).`);
    const files = positional.slice(1);
    if (files.length < 1) throw new UsageError('merge needs the shard files to join.');
    const out = options.get('out');
    if (!out) throw new UsageError('merge needs --out FILE.');
    return { command, files, out, csv: options.get('csv') ?? null, quiet };
  }
  if (positional.length > 1) throw new UsageError(`${command} takes no file arguments (got “${positional[1].slice(0, 40)}”).`);
  const labKeys = new Set(labOptions(command).keys);
  for (const key of options.keys()) {
    if (!(COMMON as readonly string[]).includes(key) && !Object.hasOwn(SCHEMA, key) && !labKeys.has(key)) {
      throw new UsageError(`--${key.slice(0, 40)} is not an option of ${command}.`);
    }
  }
  let settings = readSettings(options);
  const lab = labOptions(command).read(options, settings);
  settings = lab.settings;
  const clauses = readClauses(options.get('clauses'), settings);
  return {
    command,
    settings,
    clauses,
    lab: lab.lab,
    out: options.get('out') ?? null,
    csv: options.get('csv') ?? null,
    threads: readThreads(options.get('threads')),
    shard: readShard(options.get('shard')),
    quiet,
  } as Plan;
}

/** The page's own engine settings with a command-line counterpart: the lab workers of a tab are --threads here. */
export const PAGE_ONLY_SETTINGS: Readonly<Record<string, string>> = { workers: '--threads N' };

/** The settings: defaults, then each `--key value` through the schema's own parser and cross-field rules. */
function readSettings(options: Map<string, string>): Settings {
  const values = { ...DEFAULTS, backend: 'fused-wasm' } as Record<SettingKey, unknown>;
  for (const key of SETTING_KEYS) {
    if (Object.hasOwn(PAGE_ONLY_SETTINGS, key) && options.has(key)) throw new UsageError(`--${key} is a setting of the page; here use ${PAGE_ONLY_SETTINGS[key]}.`);
    const text = options.get(key);
    if (text === undefined) continue;
    const r = parseField(key, text);
    if ('error' in r) throw new UsageError(`--${key}: ${r.error}`);
    values[key] = r.value;
  }
  const settings = values as Settings;
  const backend = settings.backend === 'auto' ? 'fused-wasm' : settings.backend;
  if (!(CLI_BACKENDS as readonly string[]).includes(backend)) throw new UsageError(`--backend: in Node the command line trains on ${CLI_BACKENDS.join(' or ')}.`);
  settings.backend = backend as CliBackend;
  const cross = crossFieldErrors(settings);
  const bad = Object.keys(cross)[0] as SettingKey | undefined;
  if (bad) throw new UsageError(`--${bad}: ${cross[bad]}`);
  return settings;
}

function readClauses(text: string | undefined, settings: Settings): Clause[] | undefined {
  if (text === undefined) return undefined;
  const r = clausesFromUrl(text.trim(), settings);
  if ('error' in r) throw new UsageError(`--clauses: ${r.error}`);
  return customClauses(r.clauses, experimentConfig(settings).task, settings.seedTask) ?? undefined;
}

function readThreads(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1 || v > 256) throw new UsageError('--threads: must be a whole number from 1 to 256.');
  return v;
}

/** "2/4": the second of four parts (1-based). */
export function readShard(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || count > 10000 || index < 1 || index > count) throw new UsageError('--shard: must be i/N with 1 ≤ i ≤ N, e.g. 1/4.');
  return { index, count };
}
