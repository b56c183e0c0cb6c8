/**
 * The embed API's gate: whatever another window posts, parseCommand never throws; other
 * scripts' messages are ignored (null); a message that claims to be ours is a valid command or
 * a named problem; and every valid command survives posting (structured clone, JSON) exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../testing/fuzzRuns';
import { METHOD_IDS } from '../engine/probes/methodIds';
import { PANEL_IDS } from '../state/panels';
import { SCHEMA, SETTING_KEYS, type Field, type SettingKey, type Settings } from '../settings/settings';
import { isValidCommand } from './messageRules';
import { API_LIMITS, COMMAND_TYPES, apiCommand, parseCommand, type ApiCommand } from './messages';

const RUNS = fuzzRuns(500);

const msg = (type: string, fields: Record<string, unknown> = {}) => ({ lotteryLens: 1, type, ...fields });

// ---- Generators. ----

const settingValue = (key: SettingKey) => {
  const f: Field = SCHEMA[key];
  if (f.kind === 'choice') return fc.constantFrom(...f.options);
  if (f.kind === 'int') return fc.integer({ min: f.min, max: f.max });
  return fc.double({ min: f.min, max: f.max, noNaN: true });
};
const partialSettings: fc.Arbitrary<Partial<Settings>> = fc
  .subarray(SETTING_KEYS, { minLength: 1 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, settingValue(k)])) as Record<string, fc.Arbitrary<unknown>>))
  .map((s) => s as Partial<Settings>);
const fraction = fc.double({ min: 0, max: 1, minExcluded: true, maxExcluded: true, noNaN: true });
const rowOrNull = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null });

const validCommand: fc.Arbitrary<ApiCommand> = fc.oneof(
  fc.constantFrom<ApiCommand>({ type: 'play' }, { type: 'pause' }, { type: 'reset' }, { type: 'getState' }, { type: 'exportRun' }),
  fc.integer({ min: 1, max: API_LIMITS.stepMax }).map((n) => ({ type: 'step' as const, n })),
  fc.integer({ min: 0, max: API_LIMITS.seekMax }).map((step) => ({ type: 'seek' as const, step })),
  partialSettings.map((settings) => ({ type: 'setSettings' as const, settings })),
  fc
    .record({ row: rowOrNull(API_LIMITS.rowMax), clause: rowOrNull(API_LIMITS.clauseMax) }, { requiredKeys: [] })
    .filter((r) => 'row' in r || 'clause' in r)
    .map((r) => ({ type: 'select' as const, ...r })),
  fc.record({ sparsity: fraction, rewindStep: fc.integer({ min: 0, max: API_LIMITS.seekMax }), imp: fc.boolean() }).map((r) => ({ type: 'runLottery' as const, ...r })),
  fc
    .record({
      methods: fc.uniqueArray(fc.constantFrom(...METHOD_IDS), { minLength: 1 }),
      sparsities: fc.uniqueArray(fraction, { minLength: 1, maxLength: API_LIMITS.sparsities }),
      seeds: fc.uniqueArray(fc.integer({ min: 0, max: API_LIMITS.seedMax }), { minLength: 1, maxLength: API_LIMITS.seeds }),
    })
    .map((r) => ({ type: 'runComparison' as const, ...r })),
  fc.integer({ min: 2, max: 20 }).map((seeds) => ({ type: 'runSeeds' as const, seeds })),
  fc.constantFrom(...PANEL_IDS).map((panel) => ({ type: 'show' as const, panel })),
  fc.option(fc.double({ min: 1, max: 100_000, noNaN: true }), { nil: null }).map((stepsPerSecond) => ({ type: 'speed' as const, stepsPerSecond })),
);

/** Anything a window could post, and more (class instances, getters, sparse arrays, typed arrays...). */
const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  key: fc.oneof(fc.string(), fc.constantFrom('lotteryLens', 'type', '__proto__', 'constructor', 'n', 'settings', 'row', 'methods', 'id')),
});
const badSettings = fc.dictionary(
  fc.oneof(fc.constantFrom(...SETTING_KEYS), fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'x')),
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1, '1', 8, '8', 'adam', -0, NaN, 1e309) }, { weight: 1, arbitrary: anyValue }),
  { minKeys: 1, maxKeys: 3 },
);
const badValues = fc.oneof(
  badSettings,
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, -0, 0.5, 1, 1.5, 2 ** 31, 2 ** 53, 1e309, 50001, 1e300, '', '1', 'x'.repeat(10000), null, undefined, true, [], {}, [1, 1], ['imp', 'imp']),
  anyValue,
);

/** Per field: valid values, values near the edges of validity, and anything at all. */
const nearMiss = fc.constantFrom(
  -0,
  0,
  1,
  2,
  63,
  64,
  127,
  128,
  50000,
  50001,
  100_000,
  100_001,
  2 ** 31 - 1,
  2 ** 31,
  0.999,
  1e-300,
  1,
  true,
  false,
  null,
  '0.5',
  ' 3 ',
  ['snip', 'snip'],
  ['snip', 'SNIP'],
  [0.5, 0.5],
  [0.5, 1],
  [-0],
  [0],
  [1, 1],
  [-0, 0],
  { constructor: 1 },
  { toString: 1 },
  { m: '8' },
  { m: ' 8 ' },
  { m: -0 },
  { optimizer: 'Adam' },
  { backend: 'fused-wasm' },
  { k: 9 },
  { seedInit: 2 ** 31 },
  { lr: '1e-2' },
  { n: '0x10' },
  { q: '' },
);
const FIELD_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  n: fc.integer({ min: 1, max: API_LIMITS.stepMax }),
  step: fc.integer({ min: 0, max: API_LIMITS.seekMax }),
  settings: partialSettings,
  row: rowOrNull(API_LIMITS.rowMax),
  clause: rowOrNull(API_LIMITS.clauseMax),
  sparsity: fraction,
  rewindStep: fc.integer({ min: 0, max: API_LIMITS.seekMax }),
  imp: fc.boolean(),
  methods: fc.uniqueArray(fc.constantFrom(...METHOD_IDS), { minLength: 1 }),
  sparsities: fc.uniqueArray(fraction, { minLength: 1, maxLength: API_LIMITS.sparsities }),
  seeds: fc.uniqueArray(fc.integer({ min: 0, max: API_LIMITS.seedMax }), { minLength: 1, maxLength: API_LIMITS.seeds }),
  panel: fc.constantFrom(...PANEL_IDS),
  stepsPerSecond: fc.option(fc.double({ min: 1, max: 100_000, noNaN: true }), { nil: null }),
};
/** Per field: values just outside what it accepts. */
const FIELD_NEAR: Record<string, fc.Arbitrary<unknown>> = {
  n: fc.constantFrom(0, -0, 50001, 1.5, '5'),
  step: fc.constantFrom(-1, -0, 50001, 0.5, '0'),
  settings: badSettings,
  row: fc.constantFrom(-1, -0, 128, 0.5, undefined),
  clause: fc.constantFrom(-1, -0, 64, 0.5, undefined),
  sparsity: fc.constantFrom(0, -0, 1, 1.0000001, '0.5', NaN),
  rewindStep: fc.constantFrom(-1, -0, 50001, 0.5),
  imp: fc.constantFrom(0, 1, 'true', null),
  methods: fc.constantFrom(['snip', 'snip'], ['SNIP'], [], ['imp', 'oneshot', 'imp'], [...METHOD_IDS, 'snip'], 'snip'),
  sparsities: fc.constantFrom(
    [0.5, 0.5],
    [0.5, 1],
    [],
    [0, 0.5],
    [-0],
    Array.from({ length: 9 }, (_, i) => (i + 1) / 10),
    0.5,
  ),
  seeds: fc.constantFrom([1, 1], [-0], [2 ** 31], [1, 2, 3, 4, 5, 6], [], [0.5], 1),
  panel: fc.constantFrom('Task', 'toString', '', 'panel-task'),
  stepsPerSecond: fc.constantFrom(0, -0, 0.999, 100_000.5, 100_001, 'max', '200', NaN, Infinity, undefined),
};
const FIELDS_OF: Record<string, string[]> = {
  step: ['n'],
  seek: ['step'],
  setSettings: ['settings'],
  select: ['row', 'clause'],
  runLottery: ['sparsity', 'rewindStep', 'imp'],
  runComparison: ['methods', 'sparsities', 'seeds'],
  runSeeds: ['seeds'],
  show: ['panel'],
  speed: ['stepsPerSecond'],
};
/** A command's own fields, each valid, near-valid or anything, some left out, sometimes one more. */
const structuredMessage = fc.constantFrom(...COMMAND_TYPES).chain((type) =>
  fc
    .boolean()
    .chain((all) =>
      fc.record(
        Object.fromEntries(
          (FIELDS_OF[type] ?? []).map((f) => [
            f,
            fc.oneof({ weight: 4, arbitrary: FIELD_VALUES[f] }, { weight: 2, arbitrary: FIELD_NEAR[f] }, { weight: 1, arbitrary: nearMiss }, { weight: 1, arbitrary: badValues }),
          ]),
        ),
        all ? undefined : { requiredKeys: [] },
      ),
    )
    .chain((fields) =>
      fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.string(), badValues, { maxKeys: 1 }) }).map((extra) => msg(type, { ...extra, ...fields })),
    ),
);

const PROBLEM = /^(message|lotteryLens|id|type|play|pause|step|seek|reset|setSettings|select|getState|exportRun|runLottery|runComparison|runSeeds|show|speed)[:\s]/;

function expectVerdict(data: unknown): ReturnType<typeof parseCommand> {
  let r: ReturnType<typeof parseCommand>;
  expect(() => (r = parseCommand(data))).not.toThrow();
  r = r!;
  const claims = typeof data === 'object' && data !== null && 'lotteryLens' in data;
  expect(r === null).toBe(!claims);
  if (r && !r.ok) {
    expect(r.error).toMatch(PROBLEM);
    expect(r.error.length).toBeLessThan(300);
  }
  if (r && r.ok) {
    expect(isValidCommand(r.command), JSON.stringify(r.command)).toBe(true);
    // Plain data only (no -0, no inherited or odd values), and it reads back the same when posted again.
    expect(JSON.parse(JSON.stringify(r.command))).toEqual(r.command);
    expect(parseCommand(structuredClone(apiCommand(r.command, r.id)))).toEqual(r);
  }
  return r;
}

describe('parseCommand, fed generated messages', () => {
  it('never throws on anything, and ignores whatever does not claim to be ours', () => {
    fc.assert(
      fc.property(anyValue, (v) => void expectVerdict(v)),
      RUNS,
    );
  });

  it('names a problem, or reads a valid command, for any fields under our envelope', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMAND_TYPES),
        fc.dictionary(fc.constantFrom('n', 'step', 'settings', 'row', 'clause', 'sparsity', 'rewindStep', 'imp', 'methods', 'sparsities', 'seeds', 'panel', 'stepsPerSecond', 'id', 'x'), badValues),
        (type, fields) => {
          expectVerdict(msg(type, fields));
        },
      ),
      RUNS,
    );
  });

  it('reads only valid commands from a command’s fields at, near and beyond the edges of validity', () => {
    fc.assert(
      fc.property(structuredMessage, (m) => void expectVerdict(m)),
      fuzzRuns(1500),
    );
  });

  it('reads back every valid command exactly, through structured clone and JSON', () => {
    fc.assert(
      fc.property(validCommand, (command) => {
        expect(parseCommand(apiCommand(command))).toEqual({ ok: true, command });
        expect(parseCommand(structuredClone(apiCommand(command)))).toEqual({ ok: true, command });
        expect(parseCommand(JSON.parse(JSON.stringify(apiCommand(command))))).toEqual({ ok: true, command });
      }),
      RUNS,
    );
  });

  it('refuses a valid command with one field broken, added or removed, naming the command', () => {
    fc.assert(
      fc.property(validCommand, fc.nat(), badValues, fc.constantFrom('break', 'add', 'remove', 'version'), (command, i, bad, how) => {
        const message: Record<string, unknown> = { ...apiCommand(command) };
        const fields = Object.keys(message).filter((k) => k !== 'type' && k !== 'lotteryLens');
        if (how === 'add') message.extra = bad;
        else if (how === 'version') message.lotteryLens = bad === 1 ? 2 : bad;
        else if (fields.length === 0) fc.pre(false);
        else if (how === 'remove') {
          const key = fields[i % fields.length];
          fc.pre(!(command.type === 'runLottery' && key === 'imp') && !(command.type === 'select' && fields.length > 1));
          delete message[key];
        } else {
          const key = fields[i % fields.length];
          const before = message[key];
          message[key] = bad;
          // Some "bad" values are valid here (a null selection, a boolean imp, a number that is in range).
          fc.pre(parseCommand({ ...message, [key]: before })?.ok === true && expectVerdict(message)?.ok !== true);
        }
        const r = expectVerdict(message);
        expect(r).not.toBeNull();
        expect(r!.ok).toBe(false);
        if (r && !r.ok) expect(r.error.startsWith(how === 'version' ? 'lotteryLens: ' : `${command.type}: `)).toBe(true);
      }),
      RUNS,
    );
  });
});
