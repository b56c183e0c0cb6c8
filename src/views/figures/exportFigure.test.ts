import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../settings/settings';
import { figureFileName, figureSummary } from './exportFigure';
import { wrapRuns, type Run } from './figureText';
import { fragmentOnlyUrls } from './svgClone';

const text = (t: string, weight = '400'): Run => ({ kind: 'text', text: t, color: 'rgb(0, 0, 0)', weight, italic: false });
/** Every character 6 px wide, so widths are easy to reason about. */
const mono = (t: string) => 6 * t.length;
const words = (line: { run: Run }[]) => line.map((p) => (p.run.kind === 'text' ? p.run.text : '[swatch]')).join('|');

describe('figure export', () => {
  it('names files for what and when', () => {
    expect(figureFileName('feature-space', 1200, 'svg')).toBe('lottery-lens-feature-space-step1200.svg');
    expect(figureFileName('metrics', 3000, 'csv')).toBe('lottery-lens-metrics-step3000.csv');
  });

  it('summarizes the step and every setting that shapes the run', () => {
    const s = figureSummary({ ...DEFAULTS, K: 24 }, 1200, 'fused-wasm', false);
    expect(s).toBe(
      'Lottery Lens, step 1200 of 3000 · n 24, K 24, k 3, p 0.5, q 0.25 · m 16 · adam, lr 0.003, batch 256 · seeds task 1, init 2, data 3, test 4 · τ 0.3, τ_out 0.25, r 1 · backend fused-wasm',
    );
    expect(figureSummary({ ...DEFAULTS, precursorReadout: 'positive' }, 0, null, true)).toMatch(/step 0 of 3000 \(imported run\).*r 1, precursor readout positive · backend auto$/);
  });

  it('points computed url() paint at the fragment inside the file, and drops ones with no fragment', () => {
    expect(fragmentOnlyUrls('url("http://127.0.0.1:4184/some/path/?K=3#hatch-end-1")')).toBe('url(#hatch-end-1)');
    expect(fragmentOnlyUrls("url('#a') url(#b)")).toBe('url(#a) url(#b)');
    expect(fragmentOnlyUrls('url(https://cdn.example/x.png)')).toBe('none');
    expect(fragmentOnlyUrls('rgb(0, 114, 178)')).toBe('rgb(0, 114, 178)');
  });

  it('wraps at spaces within the width, keeps glued runs glued, and merges words of one style', () => {
    // "Of K = " + bold "12" + " clauses (solid)" in 100 px lines: "Of K = 12 clauses" would be 102 px.
    const lines = wrapRuns([text('Of K = '), text('12', '700'), text(' clauses (solid)')], 100, mono);
    expect(lines.map(words)).toEqual(['Of K =|12', 'clauses (solid)']);
    expect(lines[0][1]).toMatchObject({ x: 6 * 'Of K = '.length, width: 12 });
    for (const line of lines) expect(Math.max(...line.map((p) => p.x + p.width))).toBeLessThanOrEqual(100);
    // No space between runs: "(" + "solid" + ")" stays one word.
    expect(wrapRuns([text('a ('), text('solid', '700'), text(')')], 1000, mono).map(words)).toEqual(['a (|solid|)']);
  });

  it('places swatches inline and gives a word wider than the line a line of its own', () => {
    const lines = wrapRuns([{ kind: 'swatch', color: 'red' }, text(' balanced accuracy'), text(' supercalifragilistic')], 80, mono);
    expect(lines.map(words)).toEqual(['[swatch]|balanced', 'accuracy', 'supercalifragilistic']);
    expect(lines[0][1].x).toBeGreaterThan(10);
  });
});
