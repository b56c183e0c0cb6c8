/**
 * The link is input from anyone: generated query strings, arbitrary and structured-but-bad,
 * must never throw, must always give valid settings and a view within their range, and a
 * link written from valid values must read back exactly.
 */
import fc from 'fast-check';
import { clausesProblem } from '../engine/core/clauseSyntax';
import { maxStepsWithin } from '../settings/limits';
import { SPEED_MAX, SPEED_MIN } from '../settings/speed';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../testing/fuzzRuns';
import { PANEL_IDS } from './panels';
import { DEFAULTS, SCHEMA, SETTING_KEYS, isValidSettings, parseField, type Field, type SettingKey, type Settings } from '../settings/settings';
import { CLAUSES_KEY, MAX_NOTICES, parseQuery, settingsFromQuery, toQuery } from './url';
import { NO_VIEW, TOUR_STEPS, VIEW_KEYS, viewFromQuery, viewToQuery, type ViewState } from './viewUrl';

const RUNS = fuzzRuns(400);

/** Every claim parseQuery makes about its result, whatever the input. */
function expectSane(r: ReturnType<typeof parseQuery>): void {
  expect(Object.keys(r.settings).sort()).toEqual([...SETTING_KEYS].sort());
  expect(isValidSettings(r.settings)).toBe(true);
  const { view: v, settings: s } = r;
  expect(Object.keys(v).sort()).toEqual(Object.keys(NO_VIEW).sort());
  const within = (x: number | null, lo: number, hi: number) => x === null || (Number.isInteger(x) && x >= lo && x <= hi);
  expect(v.panel === null || PANEL_IDS.includes(v.panel)).toBe(true);
  expect(within(v.at, 0, s.steps)).toBe(true);
  expect(within(v.view, 0, v.at ?? s.steps)).toBe(true);
  expect(within(v.row, 0, s.m - 1)).toBe(true);
  expect(within(v.clause, 0, s.K - 1)).toBe(true);
  expect(within(v.tour, 1, TOUR_STEPS)).toBe(true);
  expect(typeof v.embed).toBe('boolean');
  expect(typeof v.present).toBe('boolean');
  if (v.speed !== null) expect(v.speed === 'max' || (v.speed >= SPEED_MIN && v.speed <= SPEED_MAX)).toBe(true);
  expect(r.ignored.length).toBeLessThanOrEqual(MAX_NOTICES);
  if (r.clauses) expect(clausesProblem(r.clauses, s)).toBeNull();
  for (const note of r.ignored) expect(note.length).toBeLessThan(200);
}

const settingValue = (key: SettingKey): fc.Arbitrary<Settings[SettingKey]> => {
  const f: Field = SCHEMA[key];
  const any =
    f.kind === 'choice' ? fc.constantFrom(...f.options) : f.kind === 'int' ? fc.integer({ min: f.min, max: f.max }) : fc.double({ min: f.min, max: f.max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(fc.constant(DEFAULTS[key]), any as fc.Arbitrary<Settings[SettingKey]>);
};

/** Valid settings: each field in range, then the cross-field rules made to hold. */
const validSettings: fc.Arbitrary<Settings> = fc.record(Object.fromEntries(SETTING_KEYS.map((k) => [k, settingValue(k)])) as { [K in SettingKey]: fc.Arbitrary<Settings[K]> }).map((s) => {
  const k = Math.min(s.k, s.n);
  const fitted = { ...s, k, r: Math.min(s.r, k) };
  // The hard limit on a run's work (limits.ts): shorten the run until it fits.
  return { ...fitted, steps: Math.max(1, Math.min(fitted.steps, maxStepsWithin(fitted))) };
});

const validView = (s: Settings): fc.Arbitrary<ViewState> =>
  fc
    .record({
      panel: fc.option(fc.constantFrom(...PANEL_IDS), { nil: null }),
      at: fc.option(fc.integer({ min: 0, max: s.steps }), { nil: null }),
      view: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      row: fc.option(fc.integer({ min: 0, max: s.m - 1 }), { nil: null }),
      clause: fc.option(fc.integer({ min: 0, max: s.K - 1 }), { nil: null }),
      embed: fc.boolean(),
      tour: fc.option(fc.integer({ min: 1, max: TOUR_STEPS }), { nil: null }),
      present: fc.boolean(),
      // Speeds with up to two decimals, 1 to 100,000 steps/s, or max.
      speed: fc.option(
        fc.oneof(
          fc.constant('max' as const),
          fc.integer({ min: 100, max: 10_000_000 }).map((x) => x / 100),
        ),
        { nil: null },
      ),
    })
    .map((v) => ({ ...v, view: v.view === null ? null : Math.floor(v.view * (v.at ?? s.steps)) }));

/** Values a hand-edited or hostile link might carry. */
const badValue = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-1e309',
    '-1',
    '-0',
    '0x10',
    '0b1',
    '0o7',
    ' 12 ',
    '\t3\n',
    '',
    ' ',
    '1.5',
    '1e3',
    '2e1',
    'abc',
    '%ZZ',
    '%',
    '%E0%A4%A',
    '１２',
    '٣',
    '1_000',
    '1,5',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    '__proto__',
    '9'.repeat(70),
    `${'0'.repeat(70)}5`,
    `0.${'0'.repeat(70)}1`,
    `0.5${'0'.repeat(70)}`,
    '9007199254740993',
    '1'.repeat(400),
  ),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double().map(String),
  fc.string({ unit: 'binary', maxLength: 80 }),
);
const anyKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SETTING_KEYS, ...VIEW_KEYS, CLAUSES_KEY) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'M', 'Row', ' row', 'x'.repeat(5000), '\u202eevil'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const badPairs = fc.array(fc.tuple(anyKey, badValue), { maxLength: 30 });

function encode(pairs: [string, string][]): string {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p.toString();
}

describe('parseQuery, fed generated links', () => {
  it('never throws on arbitrary text, and always gives valid settings and a view in range', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.webQueryParameters(), fc.string({ unit: 'grapheme-ascii', maxLength: 300 })), (q) => {
        expectSane(parseQuery(q));
        expectSane(parseQuery(`?${q}`));
      }),
      RUNS,
    );
  });

  it('survives every setting and view key with wrong, out-of-range, repeated or huge values', () => {
    fc.assert(
      fc.property(badPairs, fc.boolean(), (pairs, raw) => {
        // Raw: unencoded, so "%ZZ" and friends reach the decoder as written.
        const query = raw ? pairs.map(([k, v]) => `${k}=${v}`).join('&') : encode(pairs);
        const r = parseQuery(query);
        expectSane(r);
        const firsts = new Map<string, string>();
        for (const [k, v] of new URLSearchParams(query)) if (!firsts.has(k)) firsts.set(k, v);
        // A value taken is the first one given, and was written as digits (view) or the number (settings).
        for (const key of ['at', 'view', 'row', 'clause', 'tour'] as const) {
          const v = r.view[key];
          if (v !== null) expect(firsts.get(key)!.trim()).toMatch(/^[0-9]+$/);
          if (v !== null) expect(Number(firsts.get(key))).toBe(v);
        }
        for (const key of SETTING_KEYS) {
          if (r.settings[key] === DEFAULTS[key]) continue;
          const text = firsts.get(key)!.trim();
          expect(SCHEMA[key].kind === 'choice' ? text : Number(text)).toBe(r.settings[key]);
        }
        // Unless the notes were capped, every key given with a refused value has a note.
        if (r.ignored.length < MAX_NOTICES) {
          for (const [key, text] of firsts) {
            const noted = r.ignored.some((n) => n.startsWith(`${key}: `));
            if (key === CLAUSES_KEY) {
              if (!r.clauses) expect(noted, `${key}=${text} in ${JSON.stringify(r.ignored)}`).toBe(true);
            } else if ((SETTING_KEYS as string[]).includes(key)) {
              const refused = text.length > 64 || 'error' in parseField(key as SettingKey, text);
              if (refused) expect(noted, `${key}=${text} in ${JSON.stringify(r.ignored)}`).toBe(true);
            } else if (key !== 'embed' && key !== 'present' && (VIEW_KEYS as readonly string[]).includes(key)) {
              if (r.view[key as keyof ViewState] === null) expect(noted, `${key}=${text} in ${JSON.stringify(r.ignored)}`).toBe(true);
            } else if (!(VIEW_KEYS as readonly string[]).includes(key)) {
              expect(r.ignored.some((n) => n.endsWith(': not a setting of this app; ignored.'))).toBe(true);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('reads back exactly the settings and view it wrote, with no notes', () => {
    fc.assert(
      fc.property(
        validSettings.chain((s) => fc.tuple(fc.constant(s), validView(s))),
        ([settings, view]) => {
          const query = toQuery(settings, view);
          expect(parseQuery(query)).toEqual({ settings, view, ignored: [] });
          expect(parseQuery(`?${query}`)).toEqual({ settings, view, ignored: [] });
        },
      ),
      RUNS,
    );
  });
});

describe('the view in the URL', () => {
  it('reads each key, bounded by the settings', () => {
    const s = { ...DEFAULTS, m: 16, K: 12, steps: 3000 };
    expect(viewFromQuery('panel=features&at=1200&view=600&row=3&clause=5&embed&tour=3&present=', s)).toEqual({
      view: { panel: 'features', at: 1200, view: 600, row: 3, clause: 5, embed: true, tour: 3, present: true, speed: null },
      ignored: [],
    });
    expect(viewFromQuery('', s)).toEqual({ view: NO_VIEW, ignored: [] });
  });

  it('drops bad values to null with a note in the settings’ wording', () => {
    const { view, ignored } = viewFromQuery('row=16&clause=1.5&at=4000&view=3000&tour=0&panel=nope&row=2&embed=0', DEFAULTS);
    expect(view).toEqual({ ...NO_VIEW, view: 3000, embed: true });
    expect(ignored).toEqual([
      'row: given more than once; the first value is used.',
      'panel: Choose one of task, features, analysis, lottery, comparison, weights, metrics.',
      'at: Must be a whole number from 0 to 3000.',
      'row: Must be a whole number from 0 to 15.',
      'clause: Must be a whole number from 0 to 11.',
      'tour: Must be a whole number from 1 to 8.',
    ]);
    // The viewed step is bounded by the step trained to, when there is one.
    expect(viewFromQuery('at=100&view=101', DEFAULTS).ignored).toEqual(['view: Must be a whole number from 0 to 100.']);
    for (const bad of ['-1', '1e2', '0x10', '+3', '3.0', '', 'NaN', 'Infinity', '1e309', '99999999999999999999']) {
      expect(viewFromQuery(`row=${encodeURIComponent(bad)}`, DEFAULTS).view.row).toBeNull();
    }
    expect(viewFromQuery('row=%203%20', DEFAULTS).view.row).toBe(3);
  });

  it('writes only what differs from no view, keeping the other parameters', () => {
    expect(viewToQuery(NO_VIEW)).toBe('');
    expect(viewToQuery({ ...NO_VIEW, panel: 'lottery', row: 0, embed: true }, new URLSearchParams('m=8&row=4&embed'))).toBe('m=8&panel=lottery&row=0&embed=1');
    expect(toQuery({ ...DEFAULTS, m: 8 }, { ...NO_VIEW, tour: 2 }, new URLSearchParams('utm=x'))).toBe('utm=x&m=8&tour=2');
  });
});

describe('a hostile link', () => {
  it('cannot flood the page with notes, nor pollute objects through inherited names', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `${'k'.repeat(100)}${i}=1`);
    const r = parseQuery(`m=5&${keys.join('&')}&row=99`);
    expect(r.settings.m).toBe(5);
    expect(r.ignored).toHaveLength(MAX_NOTICES);
    expect(r.ignored[0]).toBe('row: Must be a whole number from 0 to 4.');
    expect(r.ignored[1]).toBe(`${'k'.repeat(40)}…: not a setting of this app; ignored.`);
    expect(r.ignored[9]).toBe('…and 19992 more problems with the link; those parts were ignored too.');
    const proto = settingsFromQuery('__proto__=1&toString=2&constructor=3&hasOwnProperty=4&valueOf=5');
    expect(proto.settings).toEqual(DEFAULTS);
    expect(Object.keys(proto.settings)).toEqual(SETTING_KEYS);
    expect(proto.ignored).toEqual(['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf'].map((k) => `${k}: not a setting of this app; ignored.`));
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
    expect(settingsFromQuery('%E2%80%AEevil%00=1').ignored).toEqual(['\ufffdevil\ufffd: not a setting of this app; ignored.']);
  });

  it('refuses a setting value too long to read, rather than reading a cut-down number', () => {
    // Cut to 64 characters, this would read as q = 0, which is in range.
    const r = settingsFromQuery(`q=${'0'.repeat(70)}5`);
    expect(r.settings.q).toBe(DEFAULTS.q);
    expect(r.ignored).toEqual(['q: longer than 64 characters; ignored.']);
  });
});
