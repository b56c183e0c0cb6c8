/** The closed drawer's one-line summary says what shapes the run, in the form's order. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { settingsSummary } from './settingsSummary';

describe('settingsSummary', () => {
  it('reads the defaults as task, model, training and seeds on one line', () => {
    expect(settingsSummary(DEFAULTS)).toBe('n 24 · K 12 · k 3 · p 0.5 · q 0.25 · m 16 · Adam, lr 0.003, batch 256 · 3000 steps · seeds 1 2 3 4');
  });

  it('follows a change of optimizer and size', () => {
    expect(settingsSummary({ ...DEFAULTS, optimizer: 'sgd', m: 8, steps: 500 })).toContain('m 8 · SGD, lr 0.003, batch 256 · 500 steps');
  });
});
