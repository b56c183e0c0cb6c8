import { describe, expect, it } from 'vitest';
import { DEFAULTS, experimentConfig, isValidSettings, parseField, PRESETS, presetSettings, toDraft, validate } from './settings';
import { settingsFromQuery, settingsToQuery } from './url';

describe('the settings schema', () => {
  it('has valid defaults matching SPEC 2-3', () => {
    expect(validate(toDraft(DEFAULTS)).errors).toEqual({});
    expect(experimentConfig(DEFAULTS)).toEqual({
      task: { n: 24, K: 12, k: 3, p: 0.5, q: 0.25 },
      train: { m: 16, optimizer: 'adam', lr: 3e-3, adamEpsilon: 1e-7, batch: 256, steps: 3000 },
      seeds: { task: 1, init: 2, data: 3, test: 4 },
    });
  });

  it('says what is wrong with a value, in words', () => {
    expect(parseField('m', '0')).toEqual({ error: 'Must be between 1 and 128.' });
    expect(parseField('m', '12.5')).toEqual({ error: 'Enter a whole number.' });
    expect(parseField('lr', 'fast')).toEqual({ error: '“fast” is not a number.' });
    expect(parseField('lr', '')).toEqual({ error: 'Enter a number.' });
    expect(parseField('lr', 'Infinity')).toMatchObject({ error: expect.stringContaining('not a number') });
    expect(parseField('optimizer', 'rmsprop')).toEqual({ error: 'Choose one of adam, sgd.' });
    expect(parseField('p', '0.3')).toEqual({ value: 0.3 });
  });

  it('checks rules across fields: k at most n, and a run no bigger than the work limit', () => {
    const draft = { ...toDraft(DEFAULTS), n: '4', k: '5' };
    expect(validate(draft).errors).toEqual({ k: 'Must be at most n (4).' });
    // Any number of snapshots is fine: the history thins itself to its cap.
    expect(validate({ ...toDraft(DEFAULTS), steps: '50000', snapshotEvery: '1' }).errors).toEqual({});
    const huge = { ...toDraft(DEFAULTS), n: '128', m: '128', K: '64', batch: '4096', steps: '50000' };
    const message = validate(huge).errors.steps;
    expect(message).toMatch(/^Over the limit of 1\.0 trillion multiply-adds per run at batch 4096 and this model size: use at most [\d,]+ steps, or a smaller batch or model\.$/);
    const most = Number(message!.match(/at most ([\d,]+) steps/)![1].replace(/,/g, ''));
    expect(validate({ ...huge, steps: String(most) }).errors).toEqual({});
    expect(validate({ ...huge, steps: String(most + 1) }).errors).toHaveProperty('steps');
  });

  it('refuses incomplete or invalid settings objects (the worker uses this)', () => {
    expect(isValidSettings(DEFAULTS)).toBe(true);
    expect(isValidSettings({ ...DEFAULTS, m: 0 })).toBe(false);
    const { m: _m, ...missing } = DEFAULTS;
    expect(isValidSettings(missing)).toBe(false);
    expect(isValidSettings(null)).toBe(false);
  });

  it('offers the four SPEC presets and the teaching ones, each valid', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['default', 'crowded', 'roomy', 'too-small', 'reexpress']);
    expect(presetSettings('crowded')).toMatchObject({ K: 24, m: 16 });
    expect(presetSettings('roomy')).toMatchObject({ K: 8, m: 24 });
    expect(presetSettings('too-small')).toMatchObject({ K: 16, m: 8 });
    for (const p of PRESETS) expect(isValidSettings(presetSettings(p.id))).toBe(true);
  });
});

describe('settings in the URL', () => {
  it('round-trips, writing only what differs from the defaults', () => {
    const s = { ...DEFAULTS, m: 24, lr: 0.01, optimizer: 'sgd' as const, seedInit: 99 };
    const q = settingsToQuery(s);
    expect(q).toBe('m=24&optimizer=sgd&lr=0.01&seedInit=99');
    expect(settingsFromQuery(q)).toEqual({ settings: s, ignored: [] });
    expect(settingsToQuery(DEFAULTS)).toBe('');
  });

  it('ignores bad values, duplicates and unknown keys with a note each, and keeps other parameters when writing', () => {
    const r = settingsFromQuery('?m=-3&lr=NaN&n=1e309&K=5&K=7&steps=abc&embed=1&unknown=x');
    expect(r.settings).toEqual({ ...DEFAULTS, K: 5 });
    expect(r.ignored).toEqual([
      'm: Must be between 1 and 128.',
      'lr: “NaN” is not a number.',
      'n: “1e309” is not a number.',
      'K: given more than once; the first value is used.',
      'steps: “abc” is not a number.',
      'unknown: not a setting of this app; ignored.',
    ]);
    expect(settingsToQuery({ ...DEFAULTS, m: 8 }, new URLSearchParams('embed=1&m=3'))).toBe('embed=1&m=8');
  });

  it('falls back to defaults when fields conflict', () => {
    const r = settingsFromQuery('n=4&k=6');
    expect(r.settings.k).toBe(DEFAULTS.k);
    expect(r.ignored).toEqual(['k: Must be at most n (4).']);
  });
});
