/**
 * The one settings schema. Each entry gives a setting's default, range, label and help; from
 * this table come the defaults, the validation messages, the URL form and the `Settings` type.
 * A new setting is one entry here.
 */
import type { FeatureSettings } from '../engine/analysis/runAnalysis';
import type { ExperimentConfig } from '../engine/core/experiment';
import { MAX_RUN_WORK, maxStepsWithin, runWork, trillions } from './limits';

/**
 * `scope: 'analysis'` marks settings that change only how the run is read (feature space),
 * not the run itself: changing one re-analyses the kept snapshots without retraining.
 */
interface NumberField {
  kind: 'int' | 'number';
  scope?: 'analysis';
  default: number;
  min: number;
  max: number;
  label: string;
  help: string;
  group: Group;
}
interface ChoiceField<T extends string> {
  kind: 'choice';
  scope?: 'analysis';
  default: T;
  options: readonly T[];
  optionLabels: Record<T, string>;
  label: string;
  help: string;
  group: Group;
}
export type Group = 'task' | 'model' | 'training' | 'seeds' | 'engine' | 'features';
export type Field = NumberField | ChoiceField<string>;

export const BACKENDS = ['auto', 'webgl', 'wasm', 'cpu', 'fused-js', 'fused-wasm'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

const SEED_MAX = 2 ** 31 - 1;

export const SCHEMA = {
  n: { kind: 'int', default: 24, min: 2, max: 128, label: 'Inputs n', help: 'Boolean inputs per sample.', group: 'task' },
  K: { kind: 'int', default: 12, min: 1, max: 64, label: 'Clauses K', help: 'Clauses, one sigmoid output each.', group: 'task' },
  k: { kind: 'int', default: 3, min: 1, max: 8, label: 'Literals k', help: 'Literals per clause (at most n).', group: 'task' },
  p: { kind: 'number', default: 0.5, min: 0.01, max: 0.99, label: 'Bit probability p', help: 'Chance that an input bit is 1.', group: 'task' },
  q: { kind: 'number', default: 0.25, min: 0, max: 1, label: 'Planting q', help: 'Chance per clause and sample of planting a satisfying assignment.', group: 'task' },
  m: { kind: 'int', default: 16, min: 1, max: 128, label: 'Hidden rows m', help: 'Hidden ReLU neurons (rows of W1).', group: 'model' },
  optimizer: {
    kind: 'choice',
    default: 'adam',
    options: ['adam', 'sgd'] as const,
    optionLabels: { adam: 'Adam', sgd: 'SGD' },
    label: 'Optimizer',
    help: 'Adam (betas 0.9/0.999) or plain SGD.',
    group: 'training',
  },
  lr: { kind: 'number', default: 3e-3, min: 1e-5, max: 1, label: 'Learning rate', help: 'Step size of the optimizer.', group: 'training' },
  adamEpsilon: { kind: 'number', default: 1e-7, min: 1e-10, max: 1e-3, label: 'Adam epsilon', help: 'Passed explicitly so every backend uses the same value.', group: 'training' },
  batch: { kind: 'int', default: 256, min: 1, max: 4096, label: 'Batch size', help: 'Samples per training step.', group: 'training' },
  steps: { kind: 'int', default: 3000, min: 1, max: 50000, label: 'Steps', help: 'Training steps of the dense run.', group: 'training' },
  snapshotEvery: {
    kind: 'int',
    default: 20,
    min: 1,
    max: 1000,
    label: 'Snapshot every',
    help: 'Steps between kept snapshots (weights and test metrics) for the timeline. A long run keeps at most a few thousand: past that, every other one is dropped and the stride doubles.',
    group: 'training',
  },
  seedTask: { kind: 'int', default: 1, min: 0, max: SEED_MAX, label: 'Task seed', help: 'Draws the clauses.', group: 'seeds' },
  seedInit: { kind: 'int', default: 2, min: 0, max: SEED_MAX, label: 'Init seed', help: 'Draws the initial weights.', group: 'seeds' },
  seedData: { kind: 'int', default: 3, min: 0, max: SEED_MAX, label: 'Data seed', help: 'Draws the training batches.', group: 'seeds' },
  seedTest: { kind: 'int', default: 4, min: 0, max: SEED_MAX, label: 'Test seed', help: 'Draws the fixed 8192-sample test set.', group: 'seeds' },
  tau: {
    kind: 'number',
    default: 0.3,
    min: 0.01,
    max: 0.99,
    label: 'Sign threshold τ',
    scope: 'analysis',
    group: 'features',
    help: 'A W1 weight is + or − when beyond τ times its row’s largest |weight|, else 0.',
  },
  tauOut: {
    kind: 'number',
    default: 0.25,
    min: 0.01,
    max: 0.99,
    label: 'Readout threshold τ_out',
    scope: 'analysis',
    group: 'features',
    help: 'A readout W2[c,j] is positive when above τ_out times output c’s largest |weight|.',
  },
  r: {
    kind: 'int',
    default: 1,
    min: 0,
    max: 8,
    label: 'Precursor radius r',
    scope: 'analysis',
    group: 'features',
    help: 'A location is a precursor when its distance at init is at most r (at most k).',
  },
  precursorReadout: {
    kind: 'choice',
    default: 'any',
    options: ['any', 'positive'] as const,
    scope: 'analysis',
    group: 'features',
    optionLabels: { any: 'any readout', positive: 'positive readout only' },
    label: 'Precursor readout',
    help: 'Optionally also require a positive initial readout W2₀[c,j] of a precursor.',
  },
  backend: {
    kind: 'choice',
    default: 'auto',
    options: BACKENDS,
    optionLabels: {
      auto: 'auto (fastest here)',
      webgl: 'WebGL (tfjs)',
      wasm: 'WebAssembly (tfjs)',
      cpu: 'CPU (tfjs)',
      'fused-js': 'fused step, typed arrays',
      'fused-wasm': 'fused step, WebAssembly SIMD',
    },
    label: 'Backend',
    help: 'Where training runs, inside the worker.',
    group: 'engine',
  },
  workers: {
    kind: 'int',
    default: 0,
    min: 0,
    max: 16,
    label: 'Lab workers',
    help: 'Workers that run the labs’ seeds side by side on the fused CPU backends (same numbers as one); 0 = auto: one per core, at most 8.',
    group: 'engine',
  },
} as const satisfies Record<string, Field>;

export type SettingKey = keyof typeof SCHEMA;
type ValueOf<F> = F extends { kind: 'choice'; options: readonly (infer T)[] } ? T : number;
export type Settings = { -readonly [K in SettingKey]: ValueOf<(typeof SCHEMA)[K]> };
/** What the user typed, per field, before validation. */
export type Draft = Record<SettingKey, string>;
export type Errors = Partial<Record<SettingKey, string>>;

export const SETTING_KEYS = Object.keys(SCHEMA) as SettingKey[];

export const DEFAULTS: Settings = Object.fromEntries(SETTING_KEYS.map((k) => [k, SCHEMA[k].default])) as Settings;

/** Parses one field; returns the value or a message for the user. */
export function parseField(key: SettingKey, text: string): { value: Settings[SettingKey] } | { error: string } {
  const f: Field = SCHEMA[key];
  const t = text.trim();
  if (f.kind === 'choice') {
    return f.options.includes(t) ? { value: t as Settings[SettingKey] } : { error: `Choose one of ${f.options.join(', ')}.` };
  }
  if (t === '') return { error: 'Enter a number.' };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: `“${t.slice(0, 20)}” is not a number.` };
  if (f.kind === 'int' && !Number.isInteger(v)) return { error: 'Enter a whole number.' };
  if (v < f.min || v > f.max) return { error: `Must be between ${fmt(f.min)} and ${fmt(f.max)}.` };
  return { value: v };
}

/** Rules that involve several fields; each message is attached to the field to change. */
export function crossFieldErrors(s: Settings): Errors {
  const errors: Errors = {};
  if (s.k > s.n) errors.k = `Must be at most n (${s.n}).`;
  if (s.r > s.k) errors.r = `Must be at most k (${s.k}).`;
  // A long run's snapshots are thinned to the cap (limits.ts), so only its work is limited here.
  if (runWork(s) > MAX_RUN_WORK) {
    errors.steps = `Over the limit of ${trillions(MAX_RUN_WORK)} multiply-adds per run at batch ${s.batch} and this model size: use at most ${maxStepsWithin(s).toLocaleString('en-US')} steps, or a smaller batch or model.`;
  }
  return errors;
}

/** Validates a whole draft: the settings when all is well, else a message per bad field. */
export function validate(draft: Draft): { settings: Settings; errors: Errors } {
  const errors: Errors = {};
  const settings = { ...DEFAULTS } as Record<SettingKey, unknown>;
  for (const key of SETTING_KEYS) {
    const r = parseField(key, draft[key]);
    if ('error' in r) errors[key] = r.error;
    else settings[key] = r.value;
  }
  const typed = settings as Settings;
  if (Object.keys(errors).length === 0) Object.assign(errors, crossFieldErrors(typed));
  return { settings: typed, errors };
}

/** True when `s` is a complete, valid Settings (used by the worker to refuse bad configs). */
export function isValidSettings(s: unknown): s is Settings {
  if (typeof s !== 'object' || s === null) return false;
  const draft = toDraft(s as Settings);
  for (const key of SETTING_KEYS) if (typeof (s as Record<string, unknown>)[key] === 'undefined') return false;
  return Object.keys(validate(draft).errors).length === 0;
}

export function toDraft(s: Settings): Draft {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, String(s[k])])) as Draft;
}

export function fmt(v: number): string {
  return Math.abs(v) > 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) ? v.toExponential() : String(v);
}

/**
 * Named starting points (SPEC 2), some named for what they teach. Each changes only the fields
 * it lists; `help` says what it shows (the teaching presets' claims are recomputed by
 * src/state/teachingPresets.test.ts, with the engine, on every test run).
 */
export const PRESETS = [
  { id: 'default', label: 'SPEC default (n 24, K 12, m 16)', changes: {} },
  {
    id: 'crowded',
    label: 'More clauses than rows (K 24, m 16)',
    changes: { K: 24, m: 16 },
    help: 'Twice as many clauses as the default on the same 16 rows: every row starts as a precursor for several clauses, and most precursors are rejected.',
  },
  { id: 'roomy', label: 'Room to spare (K 8, m 24)', changes: { K: 8, m: 24 } },
  { id: 'too-small', label: 'Cautionary: too small to learn (K 16, m 8)', changes: { K: 16, m: 8 } },
  {
    id: 'reexpress',
    label: 'A ticket that re-expresses on another row (seeds 3, 9, 10)',
    changes: { seedTask: 3, seedInit: 9, seedData: 10 },
    help:
      'Default sizes, task seed 3, init seed 9, data seed 10. The dense run codes all 12 clauses, clause c7 on rows 1 and 4. ' +
      'Prune it one-shot to 50% sparsity (global magnitude), rewind to step 0 and retrain: the ticket is as accurate as the dense run ' +
      'and codes c7 on row 2 instead, the same clause family on another row (claim 4). Found by searching 68 seed triples at the ' +
      'default sizes: 2 showed a coded clause moving to a new row at 50%; most clauses of most tickets are kept on their row or lost.',
  },
] as const satisfies readonly { id: string; label: string; changes: Partial<Settings>; help?: string }[];
export type PresetId = (typeof PRESETS)[number]['id'];

/** What a preset shows, in a sentence or three ('' when it has no help text). */
export function presetHelp(id: PresetId): string {
  const preset = PRESETS.find((p) => p.id === id);
  return preset && 'help' in preset ? preset.help : '';
}

export function presetSettings(id: PresetId): Settings {
  const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[0];
  return { ...DEFAULTS, ...preset.changes };
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return SETTING_KEYS.every((k) => a[k] === b[k]);
}

/** True when `a` and `b` differ only in settings of scope 'analysis' (no retraining needed). */
export function differsOnlyInAnalysis(a: Settings, b: Settings): boolean {
  return SETTING_KEYS.every((key) => a[key] === b[key] || (SCHEMA[key] as Field).scope === 'analysis');
}

/** How the run is read in feature space (SPEC 4). */
export function featureSettings(s: Settings): FeatureSettings {
  return { tau: s.tau, tauOut: s.tauOut, r: s.r, precursorNeedsReadout: s.precursorReadout === 'positive' };
}

/** The engine's view of the settings (SPEC 2-3 names). */
export function experimentConfig(s: Settings): ExperimentConfig {
  return {
    task: { n: s.n, K: s.K, k: s.k, p: s.p, q: s.q },
    train: { m: s.m, optimizer: s.optimizer, lr: s.lr, adamEpsilon: s.adamEpsilon, batch: s.batch, steps: s.steps },
    seeds: { task: s.seedTask, init: s.seedInit, data: s.seedData, test: s.seedTest },
  };
}
