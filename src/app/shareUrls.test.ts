/** The texts "Copy link" and "Copy embed code" write: the experiment as the store holds it now. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { createAppStore } from '../state/store';
import { embedSnippet, experimentUrl } from './urlSync';

const loc = { origin: 'https://example.org', pathname: '/lens/', search: '?frob=1' };

describe('experimentUrl and embedSnippet', () => {
  const store = createAppStore(() => {}, { ...DEFAULTS, K: 10 }, [], {});
  store.getState().setPanel('analysis');
  store.getState().setTour(2);

  it('the link carries the settings, the view and any other key of the address', () => {
    expect(experimentUrl(store.getState(), loc)).toBe('https://example.org/lens/?frob=1&K=10&panel=analysis&tour=2');
    expect(experimentUrl(createAppStore(() => {}, DEFAULTS).getState(), { ...loc, search: '' })).toBe('https://example.org/lens/');
  });

  it('the embed code is an iframe of the same experiment with embed on, no tour, a title and a size', () => {
    const code = embedSnippet(store.getState(), loc);
    expect(code).toBe(
      '<iframe src="https://example.org/lens/?frob=1&amp;K=10&amp;panel=analysis&amp;embed=1" title="Lottery Lens: an interactive figure" width="640" height="400" style="border:0" loading="lazy"></iframe>',
    );
    expect(embedSnippet(createAppStore(() => {}, DEFAULTS).getState(), { ...loc, search: '' })).toContain('src="https://example.org/lens/?panel=features&amp;embed=1"');
  });
});
