import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { generateTask } from '../engine/core/task';
import { NO_VIEW } from './viewUrl';
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
