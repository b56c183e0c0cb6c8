import type { ColorKey } from '../engine/probes/registry';

/**
 * The figures' colours, by role, as the design tokens of app/styles/tokens.css (Okabe–Ito
 * hues, distinguishable with every common colour-vision deficiency, in a light and a dark
 * version). Sign categories also carry a glyph (+ / −) and series a dash or symbol, so colour
 * is never the only cue.
 *
 *   SVG and HTML: PALETTE.x is 'var(--fig-…)', set as a style, so it follows the theme live.
 *   Canvas:       canvasPalette() gives the computed values of the theme on the page now.
 */

/** Role → token. */
export const COLOR_TOKENS = {
  positive: '--fig-blue',
  negative: '--fig-vermillion',
  exact: '--fig-green',
  marker: '--fig-purple',
  clauseInput: '--fig-orange',
  sky: '--fig-sky',
  grey: '--fig-grey',
  balanced: '--fig-blue',
  loss: '--fig-ink',
  ink: '--fig-ink',
  muted: '--fig-muted',
  paper: '--fig-paper',
  grid: '--fig-grid',
  ring: '--fig-ring',
  dot: '--fig-dot',
  zero: '--fig-zero',
  pruned: '--fig-pruned',
  wash: '--fig-wash',
  onStrong: '--fig-on-strong',
} as const;

export type ColorRole = keyof typeof COLOR_TOKENS;

/** CSS colour values that follow the theme: use with `.style(...)` or `style={{ … }}`. */
export const PALETTE = Object.fromEntries(Object.entries(COLOR_TOKENS).map(([role, token]) => [role, `var(${token})`])) as Record<ColorRole, string>;

/**
 * The light values, for contexts with no stylesheet (a unit test under Node) and the exported
 * files' own ink. tokens.test.ts holds them equal to tokens.css.
 */
export const LIGHT: Record<ColorRole, string> = {
  positive: '#0072b2',
  negative: '#d55e00',
  exact: '#009e73',
  marker: '#cc79a7',
  clauseInput: '#b86e00',
  sky: '#2e86c1',
  grey: '#7d7d7d',
  balanced: '#0072b2',
  loss: '#1b1b1b',
  ink: '#1b1b1b',
  muted: '#5f5f5f',
  paper: '#ffffff',
  grid: '#e2e2e2',
  ring: '#b5b5b5',
  dot: '#8a8a8a',
  zero: '#e8e8e8',
  pruned: '#d0d0d0',
  wash: '#0000000f',
  onStrong: '#ffffff',
};

let cache: { theme: string; palette: Record<ColorRole, string> } | null = null;

/**
 * The colours as the page resolves them now, for canvas drawing; cached per theme. Opaque ones
 * come as '#rrggbb' whatever the stylesheet wrote ('#fff', once minified), as a canvas
 * serializes them, so they can be mixed channel by channel.
 */
export function canvasPalette(): Record<ColorRole, string> {
  if (typeof document === 'undefined') return LIGHT;
  const root = document.documentElement;
  const theme = root.dataset.theme ?? 'light';
  if (cache?.theme === theme) return cache.palette;
  const style = getComputedStyle(root);
  const ctx = document.createElement('canvas').getContext('2d');
  const palette = { ...LIGHT };
  for (const [role, token] of Object.entries(COLOR_TOKENS) as [ColorRole, string][]) {
    const value = style.getPropertyValue(token).trim();
    if (!value) continue;
    if (ctx) {
      ctx.fillStyle = LIGHT[role];
      ctx.fillStyle = value;
    }
    palette[role] = ctx ? String(ctx.fillStyle) : value;
  }
  cache = { theme, palette };
  return palette;
}

/** The comparison methods' colours, by the colour key each has in the method registry (engine/probes/registry.ts); theme tokens, as every figure colour. */
export const METHOD_COLORS: Record<ColorKey, string> = {
  blue: PALETTE.positive,
  green: PALETTE.exact,
  grey: PALETTE.grey,
  orange: PALETTE.clauseInput,
  vermillion: PALETTE.negative,
  purple: PALETTE.marker,
  sky: PALETTE.sky,
  black: PALETTE.ink,
};
