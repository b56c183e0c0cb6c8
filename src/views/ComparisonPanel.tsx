/**
 * The probe comparison (SPEC 6): do the feature-space probes (distance, motion) find better
 * tickets than weight-based methods? Every method keeps the same number of weights; each mask
 * is rewound to θ0 and retrained; the panel shows what came out, whichever way it comes out.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { download } from './download';
import { keptBudget } from '../engine/lottery';
import { ComparisonForm } from './comparison/ComparisonForm';
import { MethodsTable } from './comparison/MethodsTable';
import { ProbeWhy } from './comparison/ProbeWhy';
import { LabClaimsView } from './claims/LabClaimsView';
import { comparisonCsv, summarizeMethods, verdict } from './comparison/summary';
import { FigureMenu } from './FigureMenu';
import { figureFileName } from './figures/exportFigure';
import { drawMethodsChart } from './figures/methodsChart';
import { useApp } from './storeContext';
import { useWidth } from './useWidth';
import { useFigureScale } from './useFigureScale';
import { panelElementId } from '../state/panels';

/** Short method names for sentences and tables. */
const NAMES: Record<string, string> = { snip: 'SNIP', grasp: 'GraSP', synflow: 'SynFlow', imp: 'IMP', oneshot: 'one-shot magnitude' };
const methodName = (id: string) => NAMES[id] ?? id;

export function ComparisonPanel() {
  const playback = useApp((s) => s.playback);
  const c = useApp((s) => s.comparison);
  const claims = useApp((s) => s.labClaims.comparison);
  const recomputing = useApp((s) => s.labsRecomputing);
  const tau = useApp((s) => s.applied.tau);
  const run = useApp((s) => s.runComparison);
  const cancel = useApp((s) => s.cancelComparison);
  const n = useApp((s) => s.applied.n);
  const m = useApp((s) => s.applied.m);
  const K = useApp((s) => s.applied.K);
  const shape = { n, m, K };
  const lastStep = useApp((s) => s.snapshots.at(-1)?.step ?? 0);
  const levels = useMemo(() => summarizeMethods(c.results), [c.results]);
  const [why, setWhy] = useState<'distance' | 'motion'>('distance');
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 640);
  const scale = useFigureScale();
  const dense = c.dense.length ? c.dense.reduce((a, d) => a + d.balancedAccuracy, 0) / c.dense.length : NaN;
  useEffect(() => {
    if (svg.current && levels.length) drawMethodsChart(svg.current, { width, height: 300 * scale, levels, dense, scale });
  }, [width, levels, dense, scale]);
  const keptLevels = [...new Set(c.results.map((r) => r.kept))].sort((a, b) => b - a);
  const explained = c.results.find((r) => r.method === why && r.choices);
  const csv = () => download(comparisonCsv(c.results), figureFileName('probe-comparison', lastStep, 'csv'), 'text/csv');
  const p = c.progress;
  const wall = c.startedAt !== null && c.endedAt !== null ? (c.endedAt - c.startedAt) / 1000 : null;
  return (
    <section id={panelElementId('comparison')} className="panel comparison" aria-labelledby="comparison-title">
      <h2 id="comparison-title">Probe comparison: which method finds the better ticket?</h2>
      <p className="explain">
        The paper claims that two light probes in feature space, one on <em>distance</em> to the clauses’ codes at init and one on <em>motion</em> toward them in the first s steps, often beat
        weight-based methods. Every method here keeps exactly the same number of weights ({shape.m * shape.n + shape.K * shape.m} prunable; e.g. {keptBudget(0.8, shape)} at 80%), rewinds them to
        initialization and retrains on the same data.
      </p>
      <ComparisonForm />
      <div className="lottery-actions">
        {c.status === 'running' ? (
          <button type="button" onClick={cancel}>
            Cancel comparison
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => run()} disabled={playback !== 'finished'}>
            Run comparison
          </button>
        )}
        {c.results.length > 0 && (
          <button type="button" onClick={csv}>
            Download CSV
          </button>
        )}
      </div>
      {p && (
        <div className="lottery-progress" role="status">
          <progress max={p.total} value={p.done} aria-label="Comparison progress" />
          <span data-testid="comparison-phase">
            {c.status === 'running'
              ? `${p.phase}${c.etaSeconds !== null ? `; about ${Math.round(c.etaSeconds)} s left` : ''}`
              : c.status === 'done'
                ? `Done: ${c.results.length} masks retrained${wall !== null ? ` in ${wall.toFixed(1)} s` : ''}.`
                : (c.message ?? 'Stopped.')}
          </span>
        </div>
      )}
      {c.status !== 'running' && c.message && !p && <p className="notice">{c.message}</p>}
      {recomputing && c.results.length > 0 && (
        <p className="notice" role="status" data-testid="comparison-recomputing">
          Recomputing every code, re-expression and recovery at τ = {tau} from the kept weights…
        </p>
      )}
      {levels.length > 0 && (
        <>
          <ul className="verdicts" data-testid="verdicts">
            {keptLevels.map((k) => (
              <li key={k}>{verdict(c.results, k)}</li>
            ))}
          </ul>
          <FigureMenu label="Probe comparison" file="probe-comparison" step="last" csv={(s) => comparisonCsv(s.comparison.results)} />
          <div ref={wrap} className="chart">
            <svg ref={svg} role="img" aria-label="Retrained balanced accuracy against sparsity, one line per method; the numbers are in the table." />
          </div>
          <MethodsTable levels={levels} results={c.results} />
          <p className="muted">“show” puts that mask (first seed) on the W1 and W2 heatmaps and rings the locations it supports in feature space.</p>
          <div className="pickers">
            <label htmlFor="why-probe">Explain the choices of the</label>
            <select id="why-probe" value={why} onChange={(e) => setWhy(e.target.value as 'distance' | 'motion')}>
              <option value="distance">distance probe</option>
              <option value="motion">motion probe</option>
            </select>
          </div>
          {explained && <ProbeWhy result={explained} />}
          {claims && <LabClaimsView claims={claims} label={methodName} testId="comparison-claims" />}
        </>
      )}
    </section>
  );
}
