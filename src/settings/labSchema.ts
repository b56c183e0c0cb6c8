/**
 * The one lab schema: every choice of the lottery lab (SPEC 5) and the probe comparison (SPEC 6)
 * with its default, options or range, label and messages, in the style of SCHEMA (settings.ts).
 * From this table come the lab forms' options and defaults, the embed API's checks of
 * runLottery and runComparison, the worker's checks of every lab request (lotteryProblem and
 * comparisonProblem, which also hold the hard limits of limits.ts), and the labs' types.
 * A new lab setting is one entry here and its place in LAB_FIELDS.
 */
import type { ComparisonSettings } from '../engine/labs/probeComparison';
import type { LotterySettings } from '../engine/labs/lotteryExperiment';
import { DEFAULT_METHODS, METHOD_IDS, type MethodId } from '../engine/probes/registry';
import { comparisonLimitProblem, lotteryLimitProblem, MAX_LAB_SEEDS, MAX_LAB_SPARSITIES, type RunSize } from './limits';
import { SCHEMA } from './settings';

export type Lab = 'lottery' | 'comparison';

interface Described {
  /** Visible text beside the control. */
  label: string;
  help: string;
}
/** One value from a few: `name` and `must` make its message, "Pruning must be iterative (imp) or one-shot." */
interface ChoiceEntry<T extends string> extends Described {
  kind: 'choice';
  default: T;
  options: readonly T[];
  optionLabels: Record<T, string>;
  name: string;
  must: string;
}
/**
 * A number in [min, max]; with `beforeLastStep`, also below the run's last step (the worker
 * knows it, the API does not). `options`: what the form offers. The message is "`name` must be
 * between min and max", or with a `unit` "`name` must be min to max `unit`", unless `must` says.
 */
interface NumberEntry extends Described {
  kind: 'int' | 'number';
  default: number;
  min: number;
  max: number;
  beforeLastStep?: boolean;
  unit?: string;
  options?: readonly number[];
  /** The accessible name of the form's control. */
  control?: string;
  name: string;
  must?: string;
  /** Only the page uses it (not sent to the worker with the request). */
  pageOnly?: boolean;
}
/** A set of sparsities in (0, 1). */
interface FractionsEntry extends Described {
  kind: 'fractions';
  default: readonly number[];
  options: readonly number[];
  maxCount: number;
  messages: { empty: string; range: string; count: string };
}
interface MethodsEntry extends Described {
  kind: 'methods';
  default: readonly MethodId[];
  options: readonly MethodId[];
  messages: { empty: string; options: string };
}
/** Distinct seeds; a form picks how many (the run's own init seed first, then the next ones). */
interface SeedsEntry extends Described {
  kind: 'seeds';
  min: number;
  max: number;
  maxCount: number;
  /** Per lab: the form's count options, its default count and the control's accessible name. */
  counts: Record<Lab, { options: readonly number[]; default: number; control: string }>;
  messages: { distinct: string; count: string; range: string };
}
export type LabEntry = ChoiceEntry<string> | NumberEntry | FractionsEntry | MethodsEntry | SeedsEntry;

const SPARSITIES = [0.5, 0.7, 0.8, 0.9, 0.95] as const;

export const LAB_SCHEMA = {
  mode: {
    kind: 'choice',
    default: 'imp',
    options: ['imp', 'oneshot'] as const,
    optionLabels: { imp: 'iterative (IMP, 20% per round)', oneshot: 'one-shot' },
    label: 'Pruning',
    help: 'IMP removes 20% of what remains per round, stopping exactly at each target; one-shot prunes to each target at once.',
    name: 'Pruning',
    must: 'must be iterative (imp) or one-shot',
  },
  scope: {
    kind: 'choice',
    default: 'global',
    options: ['global', 'layerwise'] as const,
    optionLabels: { global: 'global magnitude', layerwise: 'layer-wise' },
    label: 'Magnitude',
    help: 'Rank weights by |θ| over W1 and W2 together, or within each layer.',
    name: 'Magnitude',
    must: 'must be global or layer-wise',
  },
  sparsities: {
    kind: 'fractions',
    default: [0.5, 0.7, 0.8, 0.9],
    options: SPARSITIES,
    maxCount: MAX_LAB_SPARSITIES,
    label: 'Target sparsities',
    help: 'Fractions of W1 ∪ W2 pruned away; 0.95 is the stress point.',
    messages: { empty: 'Choose at least one sparsity.', range: 'Sparsities must be between 0 and 1.', count: `Choose at most ${MAX_LAB_SPARSITIES} distinct sparsities.` },
  },
  rewindStep: {
    kind: 'int',
    default: 0,
    min: 0,
    max: SCHEMA.steps.max,
    beforeLastStep: true,
    control: 'Rewind step',
    label: 'Rewind to step',
    help: 'k_r: the kept snapshot the ticket rewinds to (0 = initialization).',
    name: 'The rewind step',
    must: 'must come before the last step',
  },
  seeds: {
    kind: 'seeds',
    min: 0,
    max: SCHEMA.seedInit.max,
    maxCount: MAX_LAB_SEEDS,
    counts: {
      lottery: { options: [1, 2, 3, 5], default: 1, control: 'Number of seeds' },
      comparison: { options: [1, 2, 3, 4, 5], default: 5, control: 'Comparison seeds' },
    },
    label: 'Seeds',
    help: 'The run’s init seed, then the next ones: each trains its own dense run on the same task.',
    messages: { distinct: 'Seeds must be distinct.', count: `Choose at most ${MAX_LAB_SEEDS} seeds.`, range: 'Seeds must be whole numbers from 0 to 2^31 - 1.' },
  },
  eps: {
    kind: 'number',
    default: 0.01,
    min: 0,
    max: 0.5,
    options: [0.005, 0.01, 0.02, 0.05],
    control: 'Winning margin epsilon',
    pageOnly: true,
    label: 'ε',
    help: 'A ticket wins when its balanced accuracy is at least the dense run’s minus ε.',
    name: 'ε',
  },
  methods: {
    kind: 'methods',
    default: DEFAULT_METHODS,
    options: METHOD_IDS,
    label: 'Methods',
    help: 'Ticket-finding methods (engine/probes/registry.ts).',
    messages: { empty: 'Choose at least one method.', options: `Methods must be distinct, from ${METHOD_IDS.join(', ')}.` },
  },
  lambda: {
    kind: 'number',
    default: 0.5,
    min: 0,
    max: 10,
    options: [0, 0.25, 0.5, 1, 2],
    control: 'Probe load weight lambda',
    label: 'λ (load weight)',
    help: 'How much a row already holding clauses costs the distance and motion probes.',
    name: 'λ',
  },
  motionSteps: {
    kind: 'int',
    default: 50,
    min: 1,
    max: SCHEMA.steps.max - 1,
    beforeLastStep: true,
    unit: 'steps',
    options: [10, 25, 50, 100, 200],
    control: 'Motion window s',
    label: 'motion window s',
    help: 'Dense steps before the motion probe reads θ_s.',
    name: 'The motion window',
  },
} as const satisfies Record<string, LabEntry>;

export type LabKey = keyof typeof LAB_SCHEMA;

/** Each lab's settings, in the order they are checked (the first problem is the one named). */
export const LAB_FIELDS = {
  lottery: ['sparsities', 'rewindStep', 'seeds', 'mode', 'scope', 'eps'],
  comparison: ['sparsities', 'seeds', 'methods', 'lambda', 'motionSteps'],
} as const satisfies Record<Lab, readonly LabKey[]>;

type Schema = typeof LAB_SCHEMA;
type KeysOf<L extends Lab> = (typeof LAB_FIELDS)[L][number];
type FormValue<F> = F extends { kind: 'choice'; options: readonly (infer T)[] } ? T : F extends { kind: 'methods' } ? MethodId[] : F extends { kind: 'fractions' } ? number[] : number; // numbers, and a seed count
type FormKey<K> = K extends 'seeds' ? 'seedCount' : K;
type RequestKey<K extends LabKey> = Schema[K] extends { pageOnly: true } ? never : K;

/** A lab form: every choice, the seeds as a count. */
export type LabForm<L extends Lab> = { -readonly [K in KeysOf<L> as FormKey<K>]: FormValue<Schema[K]> };
/** What the page sends the worker: the form less what only the page uses, the seeds listed. */
export type LabRequest<L extends Lab> = { -readonly [K in KeysOf<L> as RequestKey<K>]: K extends 'seeds' ? number[] : FormValue<Schema[K]> };
export type LotteryForm = LabForm<'lottery'>;
export type ComparisonForm = LabForm<'comparison'>;
export type LotteryRequest = LabRequest<'lottery'>;
export type ComparisonRequest = LabRequest<'comparison'>;

// The engine's lab settings are exactly the schema's requests (the compiler checks both ways).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<LotteryRequest, LotterySettings>;
true satisfies Same<ComparisonRequest, ComparisonSettings>;

/** A lab form's starting values, from the schema's defaults. */
export function labFormDefaults<L extends Lab>(lab: L): LabForm<L> {
  const form: Record<string, unknown> = {};
  for (const key of LAB_FIELDS[lab] as readonly LabKey[]) {
    const f: LabEntry = LAB_SCHEMA[key];
    if (f.kind === 'seeds') form.seedCount = f.counts[lab].default;
    else form[key] = typeof f.default === 'object' ? [...f.default] : f.default;
  }
  return form as LabForm<L>;
}

/** "must be between 0 and 10": what a number entry's value must be, up to `max`. */
function numberMust(f: NumberEntry, max: number): string {
  if (f.must) return f.must;
  return f.unit ? `must be ${f.min} to ${max} ${f.unit}` : f.kind === 'int' ? `must be a whole number from ${f.min} to ${max}` : `must be between ${f.min} and ${max}`;
}

/**
 * Why `value` cannot be the one-value lab setting `key`, as a phrase ("must be between 0 and
 * 10"), or null. `lastStep`: the run's steps, for the settings that must come before it.
 */
export function labValueProblem(key: LabKey, value: unknown, lastStep?: number): string | null {
  const f: LabEntry = LAB_SCHEMA[key];
  if (f.kind === 'choice') return (f.options as readonly unknown[]).includes(value) ? null : f.must;
  if (f.kind !== 'int' && f.kind !== 'number') throw new Error(`${key} is a list; see labFieldProblem.`);
  const max = f.beforeLastStep && lastStep !== undefined ? Math.min(f.max, lastStep - 1) : f.max;
  const ok = typeof value === 'number' && (f.kind === 'int' ? Number.isInteger(value) : Number.isFinite(value)) && value >= f.min && value <= max;
  return ok ? null : numberMust(f, max);
}

/** Why `value` cannot be lab setting `key`, as a sentence for the page, or null. */
export function labFieldProblem(key: LabKey, value: unknown, lastStep?: number): string | null {
  const f: LabEntry = LAB_SCHEMA[key];
  const list = Array.isArray(value) ? (value as unknown[]) : null;
  const distinct = list !== null && new Set(list).size === list.length;
  switch (f.kind) {
    case 'fractions':
      if (!list || list.length === 0) return f.messages.empty;
      if (list.some((s) => !(typeof s === 'number' && Number.isFinite(s) && s > 0 && s < 1))) return f.messages.range;
      return list.length > f.maxCount || !distinct ? f.messages.count : null;
    case 'seeds':
      if (!list || list.length === 0 || !distinct) return f.messages.distinct;
      if (list.length > f.maxCount) return f.messages.count;
      return list.some((s) => !(Number.isInteger(s) && (s as number) >= f.min && (s as number) <= f.max)) ? f.messages.range : null;
    case 'methods':
      if (!list || list.length === 0) return f.messages.empty;
      return list.some((m) => !(f.options as readonly unknown[]).includes(m)) || !distinct ? f.messages.options : null;
    default: {
      const must = labValueProblem(key, value, lastStep);
      return must === null ? null : `${f.name} ${must}.`;
    }
  }
}

/** The finished dense run a lab request prunes: the worker checks a request against it; the API has none at hand. */
export interface LabRun {
  settings: RunSize;
  /** True when the run kept a snapshot at `step` (a rewind step must be one). */
  hasSnapshot(step: number): boolean;
}

/** The first problem of `request`'s fields, in LAB_FIELDS order; the rewind step must also be a kept snapshot of `run`. */
function fieldsProblem(lab: Lab, request: Record<string, unknown>, run?: LabRun): string | null {
  for (const key of LAB_FIELDS[lab] as readonly LabKey[]) {
    const f: LabEntry = LAB_SCHEMA[key];
    if ('pageOnly' in f && f.pageOnly) continue;
    const value = request[key];
    if (key === 'rewindStep' && run && !(typeof value === 'number' && run.hasSnapshot(value))) {
      return `Rewind step ${String(value)} has no kept snapshot; choose one on the timeline.`;
    }
    const problem = labFieldProblem(key, value, run?.settings.steps);
    if (problem) return problem;
  }
  return null;
}

/**
 * Why this lottery request cannot run, or null: its fields, then (with the run) the kept rewind
 * step and the hard limits of one lab (memory of the networks trained at once, total work).
 */
export function lotteryProblem(request: LotteryRequest, run?: LabRun): string | null {
  return fieldsProblem('lottery', request, run) ?? (run ? lotteryLimitProblem(run.settings, request) : null);
}

/** Why this comparison request cannot run, or null: its fields, then (with the run) the motion window and the hard limits. */
export function comparisonProblem(request: ComparisonRequest, run?: LabRun): string | null {
  return fieldsProblem('comparison', request, run) ?? (run ? comparisonLimitProblem(run.settings, request) : null);
}
