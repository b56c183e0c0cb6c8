/**
 * W1 at the viewed step: rows × inputs, each weight coloured by its sign category at the
 * current τ, clause inputs marked along the top. The text alternative states the counts.
 */
import { useEffect, useMemo, useRef } from 'react';
import { rowScales, signCategories } from '../engine/featureSpace';
import { viewedIndex } from '../state/store';
import { drawSignHeatmap } from './figures/signHeatmap';
import { PALETTE } from './palette';
import { useApp } from './storeContext';

export function WeightHeatmap() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const snap = useApp((s) => s.snapshots[viewedIndex(s)]);
  const task = useApp((s) => s.task);
  const tau = useApp((s) => s.applied.tau);
  const selection = useApp((s) => s.selection);
  const hover = useApp((s) => s.hover);
  const highlightRow = hover.row ?? selection.row;
  const highlightClause = hover.clause ?? selection.clause;
  const highlightCols = useMemo(
    () => (highlightClause !== null && task ? (task.clauses[highlightClause]?.inputs ?? []) : []),
    [highlightClause, task],
  );
  const n = task?.config.n ?? 0;
  const m = snap?.params.b1.length ?? 0;
  const columnMarks = useMemo(() => {
    const marks = new Uint16Array(n);
    task?.clauses.forEach((c) => c.inputs.forEach((i) => marks[i]++));
    return marks;
  }, [task, n]);
  const signs = useMemo(() => (snap ? signCategories(snap.params.W1, m, n, tau) : new Int8Array(0)), [snap, m, n, tau]);
  const cell = Math.max(6, Math.min(18, Math.floor(560 / Math.max(n, 1))));
  useEffect(() => {
    if (!canvas.current || !snap) return;
    drawSignHeatmap(canvas.current, {
      W: snap.params.W1,
      signs,
      scales: rowScales(snap.params.W1, m, n),
      rows: m,
      cols: n,
      cell,
      columnMarks,
      highlightRow,
      highlightCols,
    });
  }, [snap, signs, m, n, cell, columnMarks, highlightRow, highlightCols]);
  let plus = 0;
  let minus = 0;
  for (const v of signs) {
    if (v > 0) plus++;
    else if (v < 0) minus++;
  }
  const label = snap
    ? `W1 at step ${snap.step}: ${m} rows by ${n} inputs; ${plus} positive, ${minus} negative, ${signs.length - plus - minus} near zero at tau ${tau}.`
    : 'W1: no snapshot yet.';
  return (
    <section className="panel heatmap" aria-labelledby="heatmap-title">
      <h2 id="heatmap-title">
        First-layer weights W1 <span className="muted">(rows × inputs, step {snap?.step ?? '–'})</span>
      </h2>
      <canvas
        ref={canvas}
        role="img"
        aria-label={label}
        data-testid="w1-heatmap"
        data-step={snap?.step ?? ''}
        data-highlight-row={highlightRow ?? ''}
        data-highlight-cols={highlightCols.join(',')}
      />
      <p className="legend">
        <span className="swatch" style={{ background: PALETTE.positive }} /> + above τσ (x<sub>i</sub>){' '}
        <span className="swatch" style={{ background: PALETTE.negative }} /> − below −τσ (¬x<sub>i</sub>){' '}
        <span className="swatch" style={{ background: PALETTE.zero }} /> 0 in between{' '}
        <span className="swatch" style={{ background: PALETTE.clauseInput }} /> column used by a clause. σ = the row’s largest |weight|, τ ={' '}
        {tau}.
      </p>
    </section>
  );
}
