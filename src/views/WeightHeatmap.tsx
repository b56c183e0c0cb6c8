/**
 * A weight matrix at the viewed step, each weight coloured by its sign category: W1 (rows ×
 * inputs, threshold τ per row, clause inputs marked along the top) or W2 (clauses × rows,
 * threshold τ_out per output row). With a lottery ticket selected it shows that ticket's
 * retrained weights, pruned weights blank. The text alternative states the counts.
 */
import { useEffect, useMemo, useRef } from 'react';
import { rowScales, signCategories } from '../engine/analysis/featureSpace';
import { networkLabel, selectedNetwork, viewedIndex } from '../state/store';
import { weightsCsv } from './figureCsv';
import { FigureMenu } from './FigureMenu';
import { drawSignHeatmap } from './figures/signHeatmap';
import { PALETTE } from './palette';
import { useApp } from './storeContext';
import { useOnScreen } from './useOnScreen';
import { setRedraw } from './figures/lightExport';
import { useTheme } from './theme';

export function WeightHeatmap({ which }: { which: 'W1' | 'W2' }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const snap = useApp((s) => s.snapshots[viewedIndex(s)]);
  const ticket = useApp(selectedNetwork);
  const task = useApp((s) => s.task);
  const threshold = useApp((s) => (which === 'W1' ? s.applied.tau : s.applied.tauOut));
  const selection = useApp((s) => s.selection);
  const hover = useApp((s) => s.hover);
  const n = task?.config.n ?? 0;
  const K = task?.config.K ?? 0;
  const m = snap?.params.b1.length ?? 0;
  const rows = which === 'W1' ? m : K;
  const cols = which === 'W1' ? n : m;
  const W = ticket ? ticket.final[which] : snap?.params[which];
  const mask = ticket ? ticket.masks[which] : null;
  const row = hover.row ?? selection.row;
  const clause = hover.clause ?? selection.clause;
  const highlightRow = which === 'W1' ? row : clause;
  const highlightCols = useMemo(() => {
    if (which === 'W2') return row === null ? [] : [row];
    return clause !== null && task ? (task.clauses[clause]?.inputs ?? []) : [];
  }, [which, row, clause, task]);
  const columnMarks = useMemo(() => {
    const marks = new Uint16Array(cols);
    if (which === 'W1') task?.clauses.forEach((c) => c.inputs.forEach((i) => marks[i]++));
    return marks;
  }, [task, cols, which]);
  const signs = useMemo(() => (W ? signCategories(W, rows, cols, threshold) : new Int8Array(0)), [W, rows, cols, threshold]);
  const cell = Math.max(6, Math.min(18, Math.floor(560 / Math.max(cols, 1))));
  const onScreen = useOnScreen(canvas);
  const theme = useTheme();
  useEffect(() => {
    const el = canvas.current;
    if (!el || !W || !onScreen) return;
    // The colours are read when drawing: a new theme draws again, and so does a light export.
    const draw = () => drawSignHeatmap(el, { W, signs, scales: rowScales(W, rows, cols), rows, cols, cell, columnMarks, highlightRow, highlightCols, mask });
    draw();
    return setRedraw(el, draw);
  }, [W, signs, rows, cols, cell, columnMarks, highlightRow, highlightCols, mask, onScreen, theme]);
  let plus = 0;
  let minus = 0;
  for (const v of signs) {
    if (v > 0) plus++;
    else if (v < 0) minus++;
  }
  const kept = mask ? mask.reduce((a, v) => a + v, 0) : rows * cols;
  const what = ticket ? `the selected ${networkLabel(ticket)} after retraining, ${kept} of ${rows * cols} kept` : `step ${snap?.step ?? '–'}`;
  const label = W
    ? `${which} (${what}): ${rows} by ${cols}; ${plus} positive, ${minus} negative, ${signs.length - plus - minus} near zero or pruned at threshold ${threshold}.`
    : `${which}: no snapshot yet.`;
  const title = which === 'W1' ? 'First-layer weights W1' : 'Readout weights W2';
  const shape = which === 'W1' ? 'rows × inputs' : 'clauses × rows';
  return (
    <section className="panel heatmap" aria-labelledby={`heatmap-${which}`}>
      <h2 id={`heatmap-${which}`}>
        {title}{' '}
        <span className="muted">
          ({shape}, {what})
        </span>
      </h2>
      <FigureMenu label={`${which} heatmap`} file={`${which.toLowerCase()}-heatmap`} title={`${title} (${shape}, ${what})`} csv={(s) => weightsCsv(which, s)} />
      <canvas
        ref={canvas}
        role="img"
        aria-label={label}
        data-testid={`${which.toLowerCase()}-heatmap`}
        data-step={ticket ? '' : (snap?.step ?? '')}
        data-highlight-row={highlightRow ?? ''}
        data-highlight-cols={highlightCols.join(',')}
        data-kept={kept}
      />
      <p className="legend">
        <span className="swatch" style={{ background: PALETTE.positive }} /> + above {which === 'W1' ? 'τσ' : 'τ_out·max'} <span className="swatch" style={{ background: PALETTE.negative }} /> − below
        the negative threshold <span className="swatch" style={{ background: PALETTE.zero }} /> 0 in between
        {which === 'W1' && (
          <>
            {' '}
            <span className="swatch" style={{ background: PALETTE.clauseInput }} /> column used by a clause
          </>
        )}
        {mask && <> · outlined blank: pruned</>}. Threshold = {threshold} of the {which === 'W1' ? 'row' : 'output row'}’s largest |weight|.
      </p>
    </section>
  );
}
