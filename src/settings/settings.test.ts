import { describe, expect, it } from 'vitest';
import { DEFAULTS, experimentConfig, isValidSettings, parseField, PRESETS, presetSettings, toDraft, validate } from './settings';

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
