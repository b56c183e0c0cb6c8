import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { generateTask } from '../engine/core/task';
import { DEFAULT_SPEED } from '../settings/speed';
import { NO_VIEW, speedOfView, viewSpeed } from './viewUrl';
import { parseQuery, settingsFromQuery, settingsToQuery, toQuery } from './url';

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

  it('writes edited clauses compactly, only when there are some, and reads them back against the link’s n, K and k', () => {
    const s = { ...DEFAULTS, K: 2 };
    const clauses = [
      { inputs: [3, 7, 12], template: [1, -1, 1] },
      { inputs: [1, 2, 5], template: [1, 1, -1] },
    ];
    expect(toQuery(s, NO_VIEW, undefined, clauses)).toBe('K=2&clauses=3.n7.12_1.2.n5');
    expect(toQuery(s, NO_VIEW, new URLSearchParams('clauses=1.2.3_4.5.6'), null)).toBe('K=2');
    expect(parseQuery('K=2&clauses=3.n7.12_1.2.n5')).toEqual({ settings: s, view: NO_VIEW, clauses, ignored: [] });
    // The seed's own clauses are not custom: read as none.
    const drawn = generateTask({ n: 24, K: 2, k: 3, p: 0.5, q: 0.25 }, 1).clauses;
    expect(parseQuery(toQuery(s, NO_VIEW, undefined, drawn)).clauses).toBeUndefined();
  });

  it('ignores bad clauses with a note, keeping the settings', () => {
    expect(parseQuery('K=2&clauses=3.n7.12_1.2.n50')).toEqual({
      settings: { ...DEFAULTS, K: 2 },
      view: NO_VIEW,
      ignored: ['clauses: clause 1: x50 is beyond n = 24 (inputs are x0 to x23); ignored.'],
    });
    expect(parseQuery('clauses=3.n7.12_1.2.5').ignored).toEqual(['clauses: needs exactly K = 12 clauses, not 2; ignored.']);
    expect(parseQuery(`clauses=${'1'.repeat(5000)}`).ignored).toEqual(['clauses: longer than 4096 characters; ignored.']);
    expect(parseQuery('K=1&clauses=1.2.3&clauses=4.5.6')).toMatchObject({ clauses: [{ inputs: [1, 2, 3] }], ignored: ['clauses: given more than once; the first value is used.'] });
  });
});

describe('the training speed in the URL', () => {
  it('round-trips a number and max, and writes nothing at the default', () => {
    for (const [speed, text] of [
      [200, '200'],
      [2.5, '2.5'],
      ['max', 'max'],
    ] as const) {
      const q = toQuery(DEFAULTS, { ...NO_VIEW, speed });
      expect(q).toBe(`speed=${text}`);
      expect(parseQuery(q)).toEqual({ settings: DEFAULTS, view: { ...NO_VIEW, speed }, ignored: [] });
    }
    expect(toQuery(DEFAULTS, { ...NO_VIEW, speed: viewSpeed(DEFAULT_SPEED) })).toBe('');
    // The store's null is max; a link without speed trains at the default.
    expect(speedOfView({ ...NO_VIEW, speed: 'max' })).toBeNull();
    expect(speedOfView(NO_VIEW)).toBe(DEFAULT_SPEED);
    expect(speedOfView(parseQuery('speed=200').view)).toBe(200);
    expect(viewSpeed(null)).toBe('max');
  });

  it('refuses bad speeds with the note other bad keys get, and keeps the rest of the link', () => {
    const rule = 'Must be max (as fast as it goes) or a number of steps per second from 1 to 100,000.';
    for (const bad of ['0', '-5', '1e3', '100001', 'fast', '', '0x10', 'Infinity', 'NaN', '0.5']) {
      const r = parseQuery(`m=24&speed=${encodeURIComponent(bad)}&row=3`);
      expect(r.ignored, bad).toEqual([`speed: ${rule}`]);
      expect(r.view).toEqual({ ...NO_VIEW, row: 3 });
      expect(r.settings).toEqual({ ...DEFAULTS, m: 24 });
    }
    expect(parseQuery('speed=10&speed=max').ignored).toEqual(['speed: given more than once; the first value is used.']);
    expect(parseQuery('speed=10&speed=max').view.speed).toBe(10);
  });
});
