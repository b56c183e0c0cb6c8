import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { settingsFromQuery, settingsToQuery } from './url';

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
