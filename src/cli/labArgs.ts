/**
 * Each task's lab options, read and checked by the lab schema (settings/labSchema.ts): the same
 * keys, defaults and messages as the page's lab forms and the embed API. Lists are comma
 * separated; seeds also take ranges ("1..8,12"). The first seed is the dense run's init seed
 * (`--seedInit` follows it, or must equal it).
 *
 * A tab holds one lab in memory; here a sweep is split into one part per seed, so the seed
 * count has the command line's own cap (MAX_CLI_SEEDS) and the lab's hard limits are checked
 * for one part.
 */
import { LAB_FIELDS, LAB_SCHEMA, comparisonProblem, labFieldProblem, lotteryProblem, type LabKey } from '../settings/labSchema';
import type { Settings } from '../settings/settings';
import { MAX_CLI_SEEDS, type LabSettingsOf, type TaskName, UsageError } from './plan';

/** Seeds as the forms count them: the init seed, then the next ones (as state/labsSlice.ts's labSeeds). */
function nextSeeds(seedInit: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (seedInit + i) % 2 ** 31);
}

/** "1..4,9" → [1, 2, 3, 4, 9]; throws UsageError for anything else. */
export function readSeeds(text: string, key = 'seeds'): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(part);
    const single = /^\s*(\d+)\s*$/.exec(part);
    if (!range && !single) throw new UsageError(`--${key}: “${part.slice(0, 20)}” is not a seed or a range a..b.`);
    const [a, b] = range ? [Number(range[1]), Number(range[2])] : [Number(single![1]), Number(single![1])];
    if (b < a) throw new UsageError(`--${key}: the range ${a}..${b} runs backwards.`);
    if (out.length + (b - a + 1) > MAX_CLI_SEEDS) throw new UsageError(`--${key}: at most ${MAX_CLI_SEEDS} seeds.`);
    for (let s = a; s <= b; s++) out.push(s);
  }
  const f = LAB_SCHEMA.seeds;
  if (new Set(out).size !== out.length) throw new UsageError(`--${key}: ${f.messages.distinct}`);
  if (out.some((s) => s < f.min || s > f.max)) throw new UsageError(`--${key}: ${f.messages.range}`);
  return out;
}

function readNumberList(text: string, key: string): number[] {
  const xs = text.split(',').map((t) => (t.trim() === '' ? Number.NaN : Number(t)));
  if (xs.some((x) => !Number.isFinite(x))) throw new UsageError(`--${key}: “${text.slice(0, 40)}” is not a comma-separated list of numbers.`);
  return xs;
}

/** One lab field's value from its text, by the schema entry's kind. */
function readField(key: LabKey, text: string): unknown {
  const f = LAB_SCHEMA[key];
  if (f.kind === 'choice') return text.trim();
  if (f.kind === 'methods') return text.split(',').map((t) => t.trim());
  if (f.kind === 'fractions') return readNumberList(text, key);
  const v = text.trim() === '' ? Number.NaN : Number(text);
  return v;
}

/** The seeds of a lab: `--seeds`, else `count` from the init seed; the settings' init seed set to the first. */
function labSeeds(options: Map<string, string>, settings: Settings, count: number, min: number): { seeds: number[]; settings: Settings } {
  const text = options.get('seeds');
  const seeds = text === undefined ? nextSeeds(settings.seedInit, count) : readSeeds(text);
  if (seeds.length < min) throw new UsageError(`--seeds: this needs at least ${min} seeds.`);
  if (options.has('seedInit') && seeds[0] !== settings.seedInit) throw new UsageError(`--seeds: the first seed is the dense run's init seed, so it must be --seedInit (${settings.seedInit}).`);
  return { seeds, settings: { ...settings, seedInit: seeds[0] } };
}

type Read<T extends TaskName> = (options: Map<string, string>, settings: Settings) => { lab: LabSettingsOf<T>; settings: Settings };

/** The schema lab's fields from the options (defaults where absent), each checked by the schema. */
function schemaFields(lab: 'lottery' | 'comparison', options: Map<string, string>, settings: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of LAB_FIELDS[lab] as readonly LabKey[]) {
    if (key === 'seeds') continue;
    const f = LAB_SCHEMA[key];
    const text = options.get(key);
    const value = text === undefined ? (typeof f.default === 'object' ? [...(f.default as readonly unknown[])] : (f as { default: unknown }).default) : readField(key, text);
    const problem = labFieldProblem(key, value, settings.steps);
    if (problem) throw new UsageError(`--${key}: ${problem}`);
    out[key] = value;
  }
  return out;
}

/** The run's size and the snapshots it will keep, for the lab schema's checks before training (limits for one part: two seeds). */
function runOf(settings: Settings) {
  return { settings, hasSnapshot: (step: number) => step % settings.snapshotEvery === 0 && step <= settings.steps };
}

const READERS: { [T in TaskName]: { keys: readonly string[]; read: Read<T> } } = {
  run: { keys: [], read: (_o, settings) => ({ lab: null, settings }) },
  lottery: {
    keys: LAB_FIELDS.lottery,
    read: (options, given) => {
      const { seeds, settings } = labSeeds(options, given, LAB_SCHEMA.seeds.counts.lottery.default, 1);
      const f = schemaFields('lottery', options, settings) as Omit<LabSettingsOf<'lottery'>, 'seeds'>;
      const lab = { mode: f.mode, scope: f.scope, sparsities: f.sparsities, rewindStep: f.rewindStep, seeds, eps: f.eps };
      const problem = lotteryProblem({ ...lab, seeds: seeds.slice(0, 2) }, runOf(settings));
      if (problem) throw new UsageError(`lottery: ${problem}`);
      return { lab, settings };
    },
  },
  compare: {
    keys: LAB_FIELDS.comparison,
    read: (options, given) => {
      const { seeds, settings } = labSeeds(options, given, LAB_SCHEMA.seeds.counts.comparison.default, 1);
      const f = schemaFields('comparison', options, settings) as Omit<LabSettingsOf<'compare'>, 'seeds'>;
      const lab = { methods: f.methods, sparsities: f.sparsities, seeds, lambda: f.lambda, motionSteps: f.motionSteps };
      const problem = comparisonProblem({ ...lab, seeds: seeds.slice(0, 2) }, runOf(settings));
      if (problem) throw new UsageError(`compare: ${problem}`);
      return { lab, settings };
    },
  },
  seeds: {
    keys: ['seeds'],
    read: (options, given) => {
      const { seeds, settings } = labSeeds(options, given, 8, 2);
      return { lab: { seeds }, settings };
    },
  },
};

/** The lab option keys of a task and their reader. */
export function labOptions<T extends TaskName>(task: T): { keys: readonly string[]; read: Read<T> } {
  return READERS[task] as { keys: readonly string[]; read: Read<T> };
}
