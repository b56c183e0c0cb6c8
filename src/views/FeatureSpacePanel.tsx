/**
 * The feature-space view: code locations moving toward (or away from) the clauses' codes.
 *
 *   store (frames, analysis, viewed index) ──▶ displayed position f (fractional snapshot index)
 *        ──▶ d̃ interpolated between the two real snapshots around f ──▶ drawTargetPlots
 *
 * f eases to the viewed snapshot over 250 ms (instantly under prefers-reduced-motion), so
 * motion is smooth but only ever between real snapshots. "Replay" runs f from the first
 * snapshot to the last and moves the shared timeline with it, so every view follows.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { clauseText } from '../engine/core/task';
import { selectedNetwork, viewedIndex } from '../state/store';
import type { FeatureFrame } from '../worker/protocol';
import { drawTargetPlots } from './figures/targetPlots';
import { FeatureLegend } from './FeatureLegend';
import { FeatureSettings } from './FeatureSettings';
import { featureSpaceCsv } from './figureCsv';
import { FigureMenu } from './FigureMenu';
import { outcomeGrid } from './outcomes';
import { useApp } from './storeContext';
import { useOnScreen } from './useOnScreen';
import { useReducedMotion } from './useReducedMotion';
import { useSize } from './useWidth';
import { panelElementId } from '../state/panels';
import { GuessPanel } from './GuessPanel';
import { PREDICT_STEP } from './tour/constants';
import { useFigureScale } from './useFigureScale';
import { setRedraw } from './figures/lightExport';
import { useTheme } from './theme';

const EASE_MS = 250;

function interpolate(frames: FeatureFrame[], f: number): { dTilde: Float32Array; flags: Uint8Array } {
  const i = Math.max(0, Math.min(frames.length - 1, Math.floor(f)));
  const next = frames[Math.min(frames.length - 1, i + 1)];
  const t = Math.min(1, Math.max(0, f - i));
  const a = frames[i].dTilde;
  if (t === 0 || next === frames[i]) return { dTilde: a, flags: frames[i].flags };
  const out = new Float32Array(a.length);
  for (let x = 0; x < a.length; x++) out[x] = a[x] + (next.dTilde[x] - a[x]) * t;
  return { dTilde: out, flags: (t < 0.5 ? frames[i] : next).flags };
}

/** `fit`: the plots fit the height of their box (the embed, where CSS sizes the box); else they are as tall as K needs. */
export function FeatureSpacePanel({ fit = false }: { fit?: boolean } = {}) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const points = useRef<Float32Array>(new Float32Array(0));
  const box = useSize(wrap, { width: 640, height: 0 });
  const width = box.width;
  const fitHeight = fit && box.height > 0 ? box.height : undefined;
  const reduced = useReducedMotion();
  const frames = useApp((s) => s.frames);
  const target = useApp(viewedIndex);
  const analysis = useApp((s) => s.analysis);
  const task = useApp((s) => s.task);
  const m = useApp((s) => s.applied.m);
  const selection = useApp((s) => s.selection);
  const supported = useApp((s) => selectedNetwork(s)?.supported ?? null);
  const hover = useApp((s) => s.hover);
  const select = useApp((s) => s.select);
  const setHover = useApp((s) => s.setHover);
  const scrubTo = useApp((s) => s.scrubTo);
  const guesses = useApp((s) => s.guesses);
  const toggleGuess = useApp((s) => s.toggleGuess);
  // In the tour's "predict" step a click on a mark also toggles a "will converge" guess (not in
  // the embed, which shows no tour even when its link names a step).
  const predicting = useApp((s) => s.tour === PREDICT_STEP && !s.revealed && !s.embed);
  const scale = useFigureScale();
  const theme = useTheme();
  const [replaying, setReplaying] = useState(false);
  const K = task?.clauses.length ?? 0;
  const k = task?.config.k ?? 1;
  const outcome = useMemo(() => outcomeGrid(analysis, m, K), [analysis, m, K]);
  const labels = useMemo(() => task?.clauses.map((c, i) => `c${i}: ${clauseText(c)}`) ?? [], [task]);
  const shown = useRef(0);
  const onScreen = useOnScreen(wrap);
  const highlight = { row: hover.row ?? selection.row, clause: hover.clause ?? selection.clause };

  const draw = useCallback(
    (f: number) => {
      if (!canvas.current || frames.length === 0 || frames[0].dTilde.length !== m * K) return;
      shown.current = f;
      const { dTilde, flags } = interpolate(frames, f);
      points.current = drawTargetPlots(canvas.current, {
        m,
        K,
        k,
        width,
        maxHeight: fitHeight,
        dTilde,
        flags,
        outcome,
        clauseLabels: labels,
        highlightRow: highlight.row,
        highlightClause: highlight.clause,
        supported,
        guesses,
        scale,
      });
      canvas.current.dataset.step = String(frames[Math.round(Math.min(f, frames.length - 1))]?.step ?? '');
    },
    // `theme`: the colours are read when drawing, so a new theme draws again.
    [frames, m, K, k, width, fitHeight, outcome, labels, highlight.row, highlight.clause, supported, guesses, scale, theme],
  );
  useEffect(() => (canvas.current ? setRedraw(canvas.current, () => draw(shown.current)) : undefined), [draw]);

  // Ease toward the viewed snapshot.
  useEffect(() => {
    if (replaying || target < 0 || !onScreen) return;
    const from = Math.min(shown.current, frames.length - 1);
    if (reduced || from === target) {
      draw(target);
      return;
    }
    const t0 = performance.now();
    let raf = requestAnimationFrame(function tick(now) {
      const t = Math.min(1, (now - t0) / EASE_MS);
      draw(from + (target - from) * t);
      if (t < 1) raf = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(raf);
  }, [target, frames, draw, reduced, replaying, onScreen]);

  // Replay the whole run: ~40 ms per snapshot, 3 to 12 s in all; stepping when motion is reduced.
  useEffect(() => {
    if (!replaying) return;
    const last = frames.length - 1;
    const duration = Math.min(12000, Math.max(3000, last * 40));
    const t0 = performance.now();
    let lastScrub = 0;
    let raf = requestAnimationFrame(function tick(now) {
      const t = Math.min(1, (now - t0) / duration);
      const f = reduced ? Math.floor(t * last) : t * last;
      draw(f);
      if (now - lastScrub > 100 || t === 1) {
        lastScrub = now;
        scrubTo(frames[Math.floor(f)].step);
      }
      if (t < 1) raf = requestAnimationFrame(tick);
      else setReplaying(false);
    });
    return () => cancelAnimationFrame(raf);
  }, [replaying]); // eslint-disable-line react-hooks/exhaustive-deps

  const locate = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    let best = -1;
    let bestD = 64;
    const p = points.current;
    for (let at = 0; at < p.length / 2; at++) {
      const d = (p[2 * at] - x) ** 2 + (p[2 * at + 1] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = at;
      }
    }
    return best < 0 ? null : { row: Math.floor(best / K), clause: best % K };
  };

  const viewStep = frames[Math.max(0, target)]?.step ?? 0;
  return (
    <section id={panelElementId('features')} className="panel feature-space" aria-labelledby="fs-title">
      <h2 id="fs-title">Feature space: code locations and their clauses’ codes</h2>
      <FigureMenu label="Feature space" file="feature-space" title="Feature space: code locations and their clauses’ codes" csv={featureSpaceCsv} />
      <div className="fs-actions">
        <button type="button" onClick={() => setReplaying((r) => !r)} disabled={frames.length < 2}>
          {replaying ? 'Stop replay' : 'Replay training'}
        </button>
        <span className="muted">showing step {viewStep}</span>
      </div>
      <GuessPanel predicting={predicting} />
      <div ref={wrap} className="fs-canvas">
        <canvas
          ref={canvas}
          role="img"
          data-testid="feature-space"
          aria-label={`Feature space at step ${viewStep}: ${K} clause targets with ${m} rows each. Counts are in the legend; details of a row or clause are in the card below.`}
          onPointerMove={(e) => setHover(locate(e) ?? { row: null, clause: null })}
          onPointerLeave={() => setHover({ row: null, clause: null })}
          onClick={(e) => {
            const hit = locate(e);
            if (hit) select(hit);
            if (hit && predicting) toggleGuess(hit.row * K + hit.clause);
          }}
        />
      </div>
      <FeatureLegend />
      <p className="explain">
        Each small target is one clause; its centre is the clause’s code (its literals’ signs on its inputs). Every hidden row is a mark at a fixed angle (row 0 at the top, clockwise) and at its
        distance d̃ from that code: a mark at the centre is a row that carries the clause. Precursors start near the centre; during training some <strong>converge</strong> onto the code while others
        are pushed out (<strong>rejected</strong>); a code that was not a precursor was <strong>recruited</strong>. Hover or click a mark to follow that row and clause in every view.
      </p>
      <FeatureSettings />
    </section>
  );
}
