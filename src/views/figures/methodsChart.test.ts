/** The comparison chart's styles come from the method registry's keys, as the theme's figure tokens, as they were written by hand. */
import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../palette';
import { METHOD_STYLE } from './methodsChart';

describe('the methods chart styles', () => {
  it('give each method the colour, dash and symbol it had before the registry', () => {
    expect(METHOD_STYLE).toEqual({
      distance: { color: PALETTE.positive, dash: '', symbol: d3.symbolCircle },
      motion: { color: PALETTE.exact, dash: '', symbol: d3.symbolDiamond },
      random: { color: PALETTE.grey, dash: '2 3', symbol: d3.symbolCross },
      'magnitude-init': { color: PALETTE.clauseInput, dash: '6 3', symbol: d3.symbolSquare },
      snip: { color: PALETTE.negative, dash: '6 3', symbol: d3.symbolTriangle },
      grasp: { color: PALETTE.marker, dash: '6 3', symbol: d3.symbolStar },
      synflow: { color: PALETTE.sky, dash: '6 3', symbol: d3.symbolWye },
      oneshot: { color: PALETTE.ink, dash: '1 2', symbol: d3.symbolSquare },
      imp: { color: PALETTE.ink, dash: '', symbol: d3.symbolTriangle },
    });
  });
});
