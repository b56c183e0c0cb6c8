/** One panel by its id: what the embed shows (and what the main page lays out in full). */
import type { PanelId } from '../state/panels';
import { AnalysisPanel } from '../views/AnalysisPanel';
import { ComparisonPanel } from '../views/ComparisonPanel';
import { FeatureSpacePanel } from '../views/FeatureSpacePanel';
import { LotteryPanel } from '../views/LotteryPanel';
import { MetricsPanel } from '../views/MetricsPanel';
import { TaskPanel } from '../views/TaskPanel';
import { WeightHeatmap } from '../views/WeightHeatmap';
import { panelElementId } from '../state/panels';

export function PanelView({ id, fit = false }: { id: PanelId; fit?: boolean }) {
  switch (id) {
    case 'task':
      return <TaskPanel />;
    case 'features':
      return <FeatureSpacePanel fit={fit} />;
    case 'analysis':
      return <AnalysisPanel />;
    case 'lottery':
      return <LotteryPanel />;
    case 'comparison':
      return <ComparisonPanel />;
    case 'metrics':
      return <MetricsPanel />;
    case 'weights':
      return (
        <div id={panelElementId('weights')} className="heatmaps">
          <WeightHeatmap which="W1" />
          <WeightHeatmap which="W2" />
        </div>
      );
  }
}
