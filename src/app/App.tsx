/** The page: header, settings on the left, the run (controls, timeline, figures) on the right. */
import { useApp } from '../views/storeContext';
import { EmbedApp } from './EmbedApp';
import { usePanelTracking } from '../views/usePanelTracking';
import { AnalysisPanel } from '../views/AnalysisPanel';
import { BackendBadge } from '../views/BackendBadge';
import { ComparisonPanel } from '../views/ComparisonPanel';
import { Definitions } from '../views/Definitions';
import { DetailsCard } from '../views/DetailsCard';
import { FeatureSpacePanel } from '../views/FeatureSpacePanel';
import { LotteryPanel } from '../views/LotteryPanel';
import { MetricsPanel } from '../views/MetricsPanel';
import { Notices } from '../views/Notices';
import { PlaybackControls } from '../views/PlaybackControls';
import { RunFileMenu } from '../views/RunFileMenu';
import { SettingsPanel } from '../views/SettingsPanel';
import { TaskPanel } from '../views/TaskPanel';
import { Timeline } from '../views/Timeline';
import { PanelView } from './PanelView';
import { LiveAnnouncer } from '../views/LiveAnnouncer';
import { PresentationToggle, Tour, TourButton } from '../views/tour';

export function App() {
  const embed = useApp((s) => s.embed);
  return embed ? <EmbedApp /> : <MainApp />;
}

function MainApp() {
  usePanelTracking();
  const presentation = useApp((s) => s.presentation);
  return (
    <div className={presentation ? 'app presentation' : 'app'}>
      <header className="top">
        <h1>Lottery Lens</h1>
        <p className="tagline">Watch a toy network learn Boolean clauses, and see where its lottery tickets come from.</p>
        <BackendBadge />
        <RunFileMenu />
        <TourButton />
        <PresentationToggle />
      </header>
      <Notices />
      <main className="layout">
        <SettingsPanel />
        <div className="run">
          <div className="panel sticky">
            <PlaybackControls />
            <Timeline />
          </div>
          <TaskPanel />
          <FeatureSpacePanel />
          <DetailsCard />
          <AnalysisPanel />
          <LotteryPanel />
          <ComparisonPanel />
          <PanelView id="weights" />
          <MetricsPanel />
          <Definitions />
        </div>
      </main>
      <LiveAnnouncer />
      <Tour />
    </div>
  );
}
