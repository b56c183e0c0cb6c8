/**
 * The colour tokens hold up in both themes: text at 4.5:1 and figure series at 3:1 against the
 * surfaces they sit on (WCAG 1.4.3 and 1.4.11), every colour has a dark value, and the light
 * values the figures fall back on (palette.ts) are the stylesheet's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLOR_TOKENS, LIGHT, type ColorRole } from '../../views/palette';

const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const light = block(':root');
const dark = { ...light, ...block(":root[data-theme='dark']") };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = ['--ink', '--muted', '--accent', '--error', '--fig-ink', '--fig-muted'];
const SERIES = ['--fig-blue', '--fig-vermillion', '--fig-green', '--fig-purple', '--fig-orange', '--fig-sky', '--fig-grey'];

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, t) => {
  it('has text at 4.5:1 or more on the panels and the page', () => {
    for (const token of TEXT) for (const surface of ['--panel', '--bg']) expect(contrast(t[token], t[surface]), `${token} on ${surface}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t['--accent-ink'], t['--accent']), 'primary button text').toBeGreaterThanOrEqual(4.5);
  });

  it('has figure series and the focus ring at 3:1 or more on the figure paper', () => {
    for (const token of [...SERIES, '--focus']) expect(contrast(t[token], t['--fig-paper']), token).toBeGreaterThanOrEqual(3);
  });
});

describe('the tokens', () => {
  it('give every colour a dark value', () => {
    const colours = Object.keys(light).filter((k) => light[k].startsWith('#'));
    expect(colours.filter((k) => !(k in block(":root[data-theme='dark']")))).toEqual([]);
  });

  it("are the figures' light fallbacks", () => {
    for (const [role, token] of Object.entries(COLOR_TOKENS) as [ColorRole, string][]) expect(LIGHT[role], role).toBe(light[token]);
  });
});
