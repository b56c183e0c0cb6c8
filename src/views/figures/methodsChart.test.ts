/** The comparison chart's styles come from the method registry's keys and draw as they did when written by hand. */
import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { METHOD_STYLE } from './methodsChart';

describe('the methods chart styles', () => {
  it('give each method the colour, dash and symbol it had before the registry', () => {
    expect(METHOD_STYLE).toEqual({
      distance: { color: '#0072B2', dash: '', symbol: d3.symbolCircle },
      motion: { color: '#009E73', dash: '', symbol: d3.symbolDiamond },
      random: { color: '#999999', dash: '2 3', symbol: d3.symbolCross },
      'magnitude-init': { color: '#E69F00', dash: '6 3', symbol: d3.symbolSquare },
      snip: { color: '#D55E00', dash: '6 3', symbol: d3.symbolTriangle },
      grasp: { color: '#CC79A7', dash: '6 3', symbol: d3.symbolStar },
      synflow: { color: '#56B4E9', dash: '6 3', symbol: d3.symbolWye },
      oneshot: { color: '#000000', dash: '1 2', symbol: d3.symbolSquare },
      imp: { color: '#000000', dash: '', symbol: d3.symbolTriangle },
    });
  });
});
