/**
 * The run-file commands: `exportRun` writes the run on show and what its labs found as a run
 * file; `importRun` replaces the run with a file's, but only once the whole file has passed
 * every check (the text itself is read and written by runFileIO.ts).
 */
import { buildExperiment, type Experiment } from '../engine/core/experiment';
import { experimentConfig, type Settings } from '../settings/settings';
import type { BackendInfo, WorkerEvent } from './protocol';
import { exportRunText, importRunText, type LabFindings } from './runFileIO';
import type { RunHistory } from './runHistory';
import type { RunStarter } from './runStart';

/** The `runFile` event for the run on show; `finished`: its playback is finished. */
export function exportRun(
  run: { settings: Settings; backend: BackendInfo; experiment: Experiment; history: RunHistory; finished: boolean },
  labs: LabFindings,
): Extract<WorkerEvent, { type: 'runFile' }> {
  const text = exportRunText(run.settings, run.backend.active, run.experiment.task.clauses, run.history, run.finished, labs);
  return { type: 'runFile', text };
}

/** Replaces the run with a file's; a file that fails any check is an error, and the run on show stays. */
export async function importRun(text: string, session: RunStarter): Promise<void> {
  const requestedBackend = session.settings()?.backend ?? 'auto';
  const result = importRunText(text, requestedBackend);
  if (!result.ok) {
    session.post({ type: 'error', message: `The run file was not loaded: ${result.error}` });
    return;
  }
  const { run, settings } = result;
  session.nextGeneration();
  session.clearLabs();
  await session.ensureBackend(settings);
  session.startRun({
    settings,
    experiment: buildExperiment(experimentConfig(settings), run.clauses),
    source: { kind: 'file', snapshots: run.snapshots },
    imported: true,
    playback: { type: 'import' },
    announce: 'configured',
  });
}
