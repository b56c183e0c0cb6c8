/**
 * Test-set loss and accuracy over training, with the numbers at the viewed step. Curves come
 * from the metrics of every snapshot so far; the marker shows the viewed step.
 */
import { useEffect, useRef } from 'react';
import type { MetricRow } from '../engine/core/types';
import { viewedIndex } from '../state/store';
import { metricsCsv } from './csv';
import { FigureMenu } from './FigureMenu';
import { drawLineChart, type Series } from './figures/lineChart';
import { PALETTE } from './palette';
import { useApp } from './storeContext';
import { useThrottled } from './useThrottled';
import { useOnScreen } from './useOnScreen';
import { useWidth } from './useWidth';
import { useFigureScale } from './useFigureScale';
import { panelElementId } from '../state/panels';

function Chart({ label, series, yDomain, logY }: { label: string; series: Series[]; yDomain: [number, number] | 'auto'; logY?: boolean }) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 320);
  const xMax = useApp((s) => s.applied.steps);
  const marker = useThrottled(
    useApp((s) => {
      const i = viewedIndex(s);
      return i >= 0 ? s.snapshots[i].step : null;
    }),
    200,
  );
  const onScreen = useOnScreen(wrap);
  const scale = useFigureScale();
  useEffect(() => {
    if (svg.current && onScreen) drawLineChart(svg.current, { width, height: 190 * scale, xMax, yDomain, yLabel: label, series, marker, logY, scale });
  }, [width, xMax, yDomain, label, series, marker, logY, onScreen, scale]);
  return (
    <div ref={wrap} className="chart">
      <svg ref={svg} role="img" aria-label={`${label} against training step`} />
    </div>
  );
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function MetricsPanel() {
  const metrics = useApp((s) => s.metrics);
  const index = useApp(viewedIndex);
  const row: MetricRow | undefined = metrics[index];
  // The readout is exact at every update; the curves redraw at most 5 times a second.
  const curve = useThrottled(metrics, 200);
  const points = (key: 'loss' | 'balancedAccuracy' | 'exactMatch') => curve.map((r) => ({ step: r.step, value: r[key] }));
  const lossSeries: Series[] = [{ name: 'test loss', color: PALETTE.loss, dash: '', points: points('loss') }];
  const accSeries: Series[] = [
    { name: 'balanced accuracy', color: PALETTE.balanced, dash: '', points: points('balancedAccuracy') },
    { name: 'exact match', color: PALETTE.exact, dash: '5 3', points: points('exactMatch') },
  ];
  return (
    <section id={panelElementId('metrics')} className="panel metrics" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Test metrics</h2>
      <FigureMenu label="Test metrics" file="metrics" title="Test metrics over training" csv={(s) => metricsCsv(s.metrics)} />
      <dl className="readout" aria-live="off">
        <div>
          <dt>step</dt>
          <dd data-testid="metric-step">{row?.step ?? '–'}</dd>
        </div>
        <div>
          <dt>loss</dt>
          <dd data-testid="metric-loss">{row ? row.loss.toFixed(4) : '–'}</dd>
        </div>
        <div>
          <dt>balanced accuracy</dt>
          <dd data-testid="metric-balanced">{row ? pct(row.balancedAccuracy) : '–'}</dd>
        </div>
        <div>
          <dt>exact match</dt>
          <dd data-testid="metric-exact">{row ? pct(row.exactMatch) : '–'}</dd>
        </div>
      </dl>
      <Chart label="test loss (log scale)" series={lossSeries} yDomain="auto" logY />
      <Chart label="accuracy" series={accSeries} yDomain={[0, 1]} />
      <p className="legend">
        <span className="swatch" style={{ background: PALETTE.balanced }} /> balanced accuracy (solid) <span className="swatch" style={{ background: PALETTE.exact }} /> exact match (dashed), all on
        the fixed 8,192-sample test set
      </p>
    </section>
  );
}
