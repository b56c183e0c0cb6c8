/**
 * The paper's claims about the dense run, measured on this run: codes over time (they can form
 * early and dissolve), crowding per row, rejection against crowding (claim 2) and how near
 * the final codes already were at init (claim 1). Every number comes from the worker's analysis.
 */
import { useRef } from 'react';
import { viewedIndex } from '../state/store';
import { CodesOverTimeChart } from './analysis/CodesOverTimeChart';
import { CrowdingChart } from './analysis/CrowdingChart';
import { D0HistogramChart } from './analysis/D0HistogramChart';
import { RejectionByCrowdChart } from './analysis/RejectionByCrowdChart';
import { useApp } from './storeContext';
import { SeedClaimsPanel } from './claims/SeedClaimsPanel';
import { useOnScreen } from './useOnScreen';
import { useThrottled } from './useThrottled';
import { panelElementId } from '../state/panels';

export function AnalysisPanel() {
  const panel = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(panel);
  // Summary charts redraw at most 4 times a second while a run streams in, and not at all
  // while the panel is off screen (they catch up when it comes back).
  const latest = useApp((s) => s.analysis);
  const frozen = useRef(latest);
  if (onScreen || frozen.current === null) frozen.current = latest;
  const analysis = useThrottled(frozen.current, 250);
  const final = useApp((s) => s.analysisFinal);
  const K = useApp((s) => s.task?.clauses.length ?? 0);
  const steps = useApp((s) => s.applied.steps);
  const marker = useThrottled(
    useApp((s) => s.snapshots[viewedIndex(s)]?.step ?? null),
    250,
  );
  const selection = useApp((s) => s.selection);
  const hover = useApp((s) => s.hover);
  const select = useApp((s) => s.select);
  if (!analysis) return <section ref={panel} id={panelElementId('analysis')} className="panel analysis" aria-label="Analysis (after the first snapshot)" />;
  return (
    <section ref={panel} id={panelElementId('analysis')} className="panel analysis" aria-labelledby="analysis-title">
      <h2 id="analysis-title">What the run says about the paper’s claims</h2>
      <p className="explain">
        <strong>Claim 1</strong>: winning tickets sit at <em>precursor locations</em>, already near the final codes at initialization. <strong>Claim 2</strong>: training resolves precursors by
        selection, and rejection is concentrated at <em>crowded</em> rows (rows that are precursors for many clauses). These charts measure both on this run
        {final ? '' : ' (provisional until the run finishes)'}; the app shows what is there, whichever way it comes out.
      </p>
      <div className="analysis-grid">
        <CodesOverTimeChart timeline={analysis.timeline} K={K} xMax={steps} marker={marker} />
        <CrowdingChart crowd0={analysis.crowd0} crowdT={analysis.crowdT} highlightRow={hover.row ?? selection.row} onSelectRow={(row) => select({ row })} />
        <RejectionByCrowdChart buckets={analysis.rejectionByCrowd} />
        <D0HistogramChart all={analysis.d0Histogram.all} finalCodes={analysis.d0Histogram.finalCodes} />
      </div>
      <SeedClaimsPanel />
    </section>
  );
}
