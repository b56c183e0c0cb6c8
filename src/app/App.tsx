/**
 * The page: a title line; the sticky stage bar (Play, the timeline, the settings in one line,
 * the contents); then the story, picture first: task → feature space (with the details of the
 * selected row or clause) → the paper's claims → lottery lab → probe comparison → weights →
 * metrics → definitions → about. Settings live in a drawer at the story's left.
 */
import { useContext, useRef } from 'react';
import { StoreContext, useApp } from '../views/storeContext';
import { EmbedApp } from './EmbedApp';
import { usePanelTracking } from '../views/usePanelTracking';
import { About } from '../views/About';
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
import { SettingsDrawer, SettingsLine, useDrawer } from '../views/SettingsDrawer';
import { ShareButtons } from '../views/ShareButtons';
import { TaskPanel } from '../views/TaskPanel';
import { ThemeToggle } from '../views/ThemeToggle';
import { Timeline } from '../views/Timeline';
import { Toc } from '../views/Toc';
import { TrainingProgress } from '../views/TrainingProgress';
import { PanelView } from './PanelView';
import { LiveAnnouncer } from '../views/LiveAnnouncer';
import { PresentationToggle, Tour, TourButton } from '../views/tour';
import { useLinkTarget } from './linkTraining';
import { useBarHeight } from './useBarHeight';
import { UpdatePrompt } from './UpdatePrompt';
import { embedSnippet, experimentUrl } from './urlSync';

export function App() {
  const embed = useApp((s) => s.embed);
  return embed ? <EmbedApp /> : <MainApp />;
}

function MainApp() {
  usePanelTracking();
  const store = useContext(StoreContext)!;
  const presentation = useApp((s) => s.presentation);
  const drawer = useDrawer();
  const bar = useRef<HTMLDivElement>(null);
  useBarHeight(bar);
  const linkTarget = useLinkTarget();
  return (
    <div className={presentation ? 'app presentation' : 'app'}>
      <a className="skip-link" href="#panel-features">
        Skip to the figure
      </a>
      <header className="top">
        <div className="title-line">
          <h1>Lottery Lens</h1>
          <p className="tagline">Watch a toy network learn Boolean clauses, and see where its lottery tickets come from.</p>
        </div>
        <div className="toolbar">
          <ShareButtons link={() => experimentUrl(store.getState())} embedCode={() => embedSnippet(store.getState())} />
          <RunFileMenu />
          <TourButton />
          <PresentationToggle />
          <ThemeToggle />
        </div>
        <div className="backend-line">
          <BackendBadge />
        </div>
      </header>
      <Notices />
      <div ref={bar} className="stage-bar">
        <PlaybackControls />
        <Timeline />
        {linkTarget !== null && <TrainingProgress target={linkTarget} label="Opening the shared link: training to its step" />}
        <SettingsLine drawer={drawer}>
          <Toc />
        </SettingsLine>
      </div>
      <div className={drawer.open ? 'page drawer-open' : 'page'}>
        <main className="story">
          <TaskPanel />
          <FeatureSpacePanel />
          <DetailsCard />
          <AnalysisPanel />
          <LotteryPanel />
          <ComparisonPanel />
          <PanelView id="weights" />
          <MetricsPanel />
          <Definitions />
          <About />
        </main>
        <SettingsDrawer drawer={drawer} />
      </div>
      <LiveAnnouncer />
      <UpdatePrompt />
      <Tour />
    </div>
  );
}
