/**
 * The embed API: the messages an article exchanges with Lottery Lens in an iframe through
 * window.postMessage. Every message, either way, is a plain object `{ lotteryLens: 1, type, ...fields }`.
 *
 *   article (parent)                              page (iframe)
 *                     ◀── ready
 *   getState      ──▶ ◀── state {phase, step, backend, settings, metrics, methods}
 *   play, pause, step {n}, seek {step}, reset, speed {stepsPerSecond} ──▶ ◀── progress {phase, step, loss, balancedAccuracy}
 *                                                     ◀── finished {phase}
 *   setSettings {settings}, select {row?, clause?}, show {panel}
 *   runLottery {sparsity, rewindStep, imp?, layerwise?}, runComparison {methods, sparsities, seeds, lambda?, motionSteps?},
 *   runSeeds {seeds} (a count, 2 to 20)
 *   exportRun     ──▶ ◀── run {data}
 *   (any command that cannot be done)             ◀── error {message}
 *   (a command with an `id`, once it has run)     ◀── accepted {id, command}; its replies echo the id (requestId.ts)
 *
 * `parseCommand` is the page's one gate for what arrives: it never throws, never runs a getter
 * or a toString of the data, ignores other scripts' messages (null) and names the first problem
 * of a message that claims to be ours but is not a valid command.
 */
import { MAX_CLAIM_SEEDS, MIN_CLAIM_SEEDS } from '../state/seeds';
import type { MethodId } from '../engine/probes/registry';
import { LAB_SCHEMA, labValueProblem } from '../settings/labSchema';
import { PANEL_IDS, isPanelId, type PanelId } from '../state/panels';
import type { Phase } from '../state/phase';
import { SCHEMA, parseField, type SettingKey, type Settings } from '../settings/settings';
import { MAX_VALUE_CHARS, echo } from '../state/url';
import { SPEED_MAX, SPEED_MIN, isSpeed } from '../settings/speed';
import { Refusal, distinct, isFraction, isWhole, plainArray, plainFields, refuse, wholeNumber } from './plainData';
import { readRequestId, validRequestId, withId, type ApiRequestId } from './requestId';

export type { ApiRequestId };

/** The version every message carries as `lotteryLens`. */
export const API_VERSION = 1;

/** What the page is busy with: nothing, the dense run, the lottery lab or the probe comparison (state/phase.ts). */
export type { Phase };

import { API_LIMITS } from './apiLimits';

export { API_LIMITS };

/** A validated command (without its `lotteryLens` envelope). */
export type ApiCommand =
  | { type: 'play' }
  | { type: 'pause' }
  /** Train n more steps, then pause. */
  | { type: 'step'; n: number }
  /** Shows this step: scrubs back to the kept snapshot at or before it, or trains up to it (paused) when it lies ahead (AppActions.seek). */
  | { type: 'seek'; step: number }
  | { type: 'reset' }
  /** Settings to change; the rest stay. Each value is valid alone; the store checks the whole (AppActions.applySettings). */
  | { type: 'setSettings'; settings: Partial<Settings> }
  /** A field left out is left as it is; null clears it. At least one is given. */
  | { type: 'select'; row?: number | null; clause?: number | null }
  | { type: 'getState' }
  | { type: 'exportRun' }
  /**
   * One ticket: iterative (imp: true, the default) or one-shot magnitude pruning to `sparsity`, rewound to `rewindStep`;
   * magnitude ranked layer-wise (layerwise: true) or globally (false); left out, the lottery form's choice.
   */
  | { type: 'runLottery'; sparsity: number; rewindStep: number; imp: boolean; layerwise?: boolean }
  /** `lambda` and `motionSteps` (the probes' λ and s) left out: the comparison form's. */
  | { type: 'runComparison'; methods: MethodId[]; sparsities: number[]; seeds: number[]; lambda?: number; motionSteps?: number }
  /** Claims across seeds (SPEC 8): pools `seeds` dense runs (2 to 20: the run's own init seed and the next ones). */
  | { type: 'runSeeds'; seeds: number }
  | { type: 'show'; panel: PanelId }
  /** Target training speed in steps per second (settings/speed.ts), or null: as fast as it goes. */
  | { type: 'speed'; stepsPerSecond: number | null };

export type ApiCommandType = ApiCommand['type'];
/** A command as posted: with its envelope, and optionally a request id. */
export type ApiCommandMessage = ApiCommand & { lotteryLens: typeof API_VERSION; id?: ApiRequestId };

/** Test metrics at the current step. */
export interface ApiMetrics {
  loss: number;
  balancedAccuracy: number;
  exactMatch: number;
}

/** The events; `id` is the request id of the command a reply answers, when it carried one. */
export interface ApiEventFields {
  ready: Record<string, never>;
  /** A command that carried an `id` has run (or, a lab run, has been taken: its end is `finished`). */
  accepted: { id: ApiRequestId; command: ApiCommandType };
  /** `methods`: the probe comparison's method ids this page runs (for runComparison). */
  /**
   * Also: `playback` (the dense run's state), `viewStep` (the step viewed; null = the latest),
   * `panel` and `selection`, so an article can mirror the whole view. `backend` is null until
   * the worker has started one.
   */
  state: {
    phase: Phase;
    step: number;
    backend: string | null;
    settings: Settings;
    metrics: ApiMetrics | null;
    methods: readonly MethodId[];
    playback: string;
    viewStep: number | null;
    panel: PanelId | null;
    selection: { row: number | null; clause: number | null };
    id?: ApiRequestId;
    /** The training speed asked for, steps per second; null = as fast as it goes. */
    speed: number | null;
  };
  /**
   * `step`: the dense run's step, or the lab's progress (lottery: the data step its current phase
   * has reached; comparison: model-steps done). `loss`: the dense run's training loss, null before its first step and during a lab
   * run. `balancedAccuracy`: the dense run's at its newest snapshot, null before there is one.
   */
  progress: { phase: Phase; step: number; loss: number | null; balancedAccuracy: number | null };
  finished: { phase: Phase };
  /** `data`: the run file (SPEC 7, docs/RUN_FILE.md), parsed: the object the file's JSON holds. */
  run: { data: unknown; id?: ApiRequestId };
  error: { message: string; id?: ApiRequestId };
}
export type ApiEventType = keyof ApiEventFields;
export type ApiEvent = { [T in ApiEventType]: { lotteryLens: typeof API_VERSION; type: T } & ApiEventFields[T] }[ApiEventType];

/** The message for an event, e.g. `apiEvent('finished', { phase: 'dense' })`. */
export function apiEvent<T extends ApiEventType>(type: T, ...fields: {} extends ApiEventFields[T] ? [ApiEventFields[T]?] : [ApiEventFields[T]]): Extract<ApiEvent, { type: T }> {
  return { ...fields[0], lotteryLens: API_VERSION, type } as Extract<ApiEvent, { type: T }>;
}

/** The message for a command (what an article posts), with its request id if one is given. */
export function apiCommand(command: ApiCommand, id?: ApiRequestId): ApiCommandMessage {
  return withId({ ...command, lotteryLens: API_VERSION }, id);
}

// ---- Reading what arrives. ----

const COMMAND_FIELDS: Record<ApiCommandType, readonly string[]> = {
  play: [],
  pause: [],
  step: ['n'],
  seek: ['step'],
  reset: [],
  setSettings: ['settings'],
  select: ['row', 'clause'],
  getState: [],
  exportRun: [],
  runLottery: ['sparsity', 'rewindStep', 'imp', 'layerwise'],
  runComparison: ['methods', 'sparsities', 'seeds', 'lambda', 'motionSteps'],
  runSeeds: ['seeds'],
  show: ['panel'],
  speed: ['stepsPerSecond'],
};
export const COMMAND_TYPES = Object.keys(COMMAND_FIELDS) as ApiCommandType[];

function readSettings(x: unknown): Partial<Settings> {
  const fields = plainFields(x, 'setSettings: settings');
  if (fields.size === 0) refuse('setSettings: settings must name at least one setting.');
  const out: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, value] of fields) {
    if (!Object.hasOwn(SCHEMA, key)) refuse(`setSettings: settings.${echo(key)} is not a setting of this app.`);
    if (typeof value !== 'number' && typeof value !== 'string') refuse(`setSettings: settings.${key} must be a number or a string.`);
    const text = String(value);
    if (text.length > MAX_VALUE_CHARS) refuse(`setSettings: settings.${key} is longer than ${MAX_VALUE_CHARS} characters.`);
    const r = parseField(key as SettingKey, text);
    if ('error' in r) refuse(`setSettings: settings.${key}: ${r.error}`);
    out[key as SettingKey] = r.value;
  }
  return out as Partial<Settings>;
}

function readCommand(type: ApiCommandType, f: Map<string, unknown>): ApiCommand {
  const at = (name: string) => `${type}: ${name}`;
  const need = (name: string) => (f.has(name) ? f.get(name) : refuse(`${at(name)} is missing.`));
  switch (type) {
    case 'play':
    case 'pause':
    case 'reset':
    case 'getState':
    case 'exportRun':
      return { type };
    case 'step':
      return { type, n: wholeNumber(need('n'), at('n'), 1, API_LIMITS.stepMax) };
    case 'seek':
      return { type, step: wholeNumber(need('step'), at('step'), 0, API_LIMITS.seekMax) };
    case 'setSettings':
      return { type, settings: readSettings(need('settings')) };
    case 'select': {
      if (!f.has('row') && !f.has('clause')) refuse('select: give row, clause or both.');
      const pick = (name: 'row' | 'clause', max: number) => {
        const v = f.get(name);
        if (v !== null && !isWhole(v, 0, max)) refuse(`${at(name)} must be null (none) or a whole number from 0 to ${max}.`);
        return v === null ? null : wholeNumber(v, at(name), 0, max);
      };
      return { type, ...(f.has('row') ? { row: pick('row', API_LIMITS.rowMax) } : {}), ...(f.has('clause') ? { clause: pick('clause', API_LIMITS.clauseMax) } : {}) };
    }
    case 'runLottery': {
      const sparsity = need('sparsity');
      if (!isFraction(sparsity)) refuse(`${at('sparsity')} must be a fraction between 0 and 1 (exclusive).`);
      const rewindStep = wholeNumber(need('rewindStep'), at('rewindStep'), 0, API_LIMITS.seekMax);
      const imp = f.has('imp') ? f.get('imp') : true;
      if (typeof imp !== 'boolean') refuse(`${at('imp')} must be true (iterative pruning) or false (one-shot).`);
      if (!f.has('layerwise')) return { type, sparsity, rewindStep, imp };
      const layerwise = f.get('layerwise');
      if (typeof layerwise !== 'boolean') refuse(`${at('layerwise')} must be true (layer-wise magnitude) or false (global).`);
      return { type, sparsity, rewindStep, imp, layerwise };
    }
    case 'runSeeds':
      return { type, seeds: wholeNumber(need('seeds'), at('seeds'), MIN_CLAIM_SEEDS, MAX_CLAIM_SEEDS) };
    case 'runComparison': {
      const ids = LAB_SCHEMA.methods.options;
      const methods = plainArray(need('methods'), at('methods'), ids.length).map((m, i) =>
        (ids as readonly unknown[]).includes(m) ? (m as MethodId) : refuse(`${at(`methods[${i}]`)} must be one of ${ids.join(', ')}.`),
      );
      const sparsities = plainArray(need('sparsities'), at('sparsities'), API_LIMITS.sparsities).map((s, i) =>
        isFraction(s) ? s : refuse(`${at(`sparsities[${i}]`)} must be a fraction between 0 and 1 (exclusive).`),
      );
      const seeds = plainArray(need('seeds'), at('seeds'), API_LIMITS.seeds).map((s, i) => wholeNumber(s, at(`seeds[${i}]`), 0, API_LIMITS.seedMax));
      // λ and s, when given, as the lab schema allows them (the worker then holds s below the run's steps).
      const probe = (name: 'lambda' | 'motionSteps') => {
        if (!f.has(name)) return {};
        const v = f.get(name);
        const must = labValueProblem(name, v);
        if (must !== null) refuse(`${at(name)} ${must}.`);
        return { [name]: v === 0 ? 0 : (v as number) }; // no -0
      };
      return {
        type,
        methods: distinct(methods, at('methods')),
        sparsities: distinct(sparsities, at('sparsities')),
        seeds: distinct(seeds, at('seeds')),
        ...probe('lambda'),
        ...probe('motionSteps'),
      };
    }
    case 'speed': {
      const v = need('stepsPerSecond');
      if (v !== null && !isSpeed(v)) refuse(`${at('stepsPerSecond')} must be null (as fast as it goes) or a number from ${SPEED_MIN} to ${SPEED_MAX}.`);
      return { type, stepsPerSecond: v as number | null };
    }
    case 'show': {
      const panel = need('panel');
      if (!isPanelId(panel)) refuse(`${at('panel')} must be one of ${PANEL_IDS.join(', ')}.`);
      return { type, panel };
    }
  }
}

function shown(v: unknown): string {
  if (typeof v === 'string') return `“${echo(v)}”`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return typeof v === 'bigint' ? 'a bigint' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

/** What parseCommand makes of a message: the command or its first problem, and the message's `id` when it is a valid one. */
export type ParsedCommand = { ok: true; command: ApiCommand; id?: ApiRequestId } | { ok: false; error: string; id?: ApiRequestId };

/**
 * Reads a message posted to the page. null: not ours (not an object, or no `lotteryLens` key),
 * to be ignored silently; else the command, or the first problem, e.g.
 * "step: n must be a whole number from 1 to 50000." Never throws.
 */
export function parseCommand(data: unknown): ParsedCommand | null {
  if (typeof data !== 'object' || data === null) return null;
  try {
    if (!('lotteryLens' in data)) return null;
  } catch {
    return null; // a proxy that will not say: not a message for us
  }
  let id: ApiRequestId | undefined;
  try {
    const fields = plainFields(data, 'message');
    id = validRequestId(fields.get('id')); // echoed on any refusal below
    const version = fields.get('lotteryLens');
    if (version !== API_VERSION) refuse(`lotteryLens: version ${shown(version)} is not supported; this page speaks version ${API_VERSION}.`);
    readRequestId(fields);
    const type = fields.get('type');
    if (!fields.has('type')) refuse(`type: missing; expected one of ${COMMAND_TYPES.join(', ')}.`);
    if (typeof type !== 'string' || !Object.hasOwn(COMMAND_FIELDS, type)) refuse(`type: ${shown(type)} is not a command; expected one of ${COMMAND_TYPES.join(', ')}.`);
    const allowed = COMMAND_FIELDS[type as ApiCommandType];
    for (const key of fields.keys()) {
      if (key !== 'lotteryLens' && key !== 'type' && key !== 'id' && !allowed.includes(key)) refuse(`${type}: unexpected field “${echo(key)}”.`);
    }
    return withId({ ok: true as const, command: readCommand(type as ApiCommandType, fields) }, id);
  } catch (e) {
    return withId({ ok: false as const, error: e instanceof Refusal ? e.message : 'message: could not be read.' }, id);
  }
}
