import type { ColorKey } from '../engine/probes/registry';

/**
 * Colours, from the Okabe–Ito palette (distinguishable with every common colour-vision
 * deficiency). Sign categories also carry a glyph (+ / −) so colour is never the only cue.
 */
export const PALETTE = {
  positive: '#0072B2', // blue
  negative: '#D55E00', // vermillion
  zero: '#e8e8e8',
  ink: '#1b1b1b',
  muted: '#6b6b6b',
  loss: '#000000',
  balanced: '#0072B2',
  exact: '#009E73', // bluish green
  marker: '#CC79A7', // reddish purple
  clauseInput: '#E69F00', // orange
} as const;

/** The comparison methods' colours, by the colour key each has in the method registry (engine/probes/registry.ts). */
export const METHOD_COLORS: Record<ColorKey, string> = {
  blue: '#0072B2',
  green: '#009E73', // bluish green
  grey: '#999999',
  orange: '#E69F00',
  vermillion: '#D55E00',
  purple: '#CC79A7', // reddish purple
  sky: '#56B4E9', // sky blue
  black: '#000000',
};
