/**
 * Crash restore: the `restore` command rebuilds a run in this (fresh) worker from what the page
 * holds after the old worker died (crashed, hung, or a training step threw), or refuses it.
 *
 * The same settings and seeds give the same task (or `clauses` for an imported run), every
 * snapshot is kept again (metrics and frames recomputed), and unless the run is imported the
 * trainer continues from the last snapshot with its optimizer state. Playback is `finished` for
 * an imported run or one at its last step, `idle` for a run still at step 0 that had not
 * started, else `paused` (the page may send `play` after). Without an optimizer state the run
 * is still restored, and the first Play or Step retrains up to the last snapshot first. Answers
 * configured {restored: true}, the analysis and progress, never the snapshots (the page has
 * them). No kept step is lost or repeated: training resumes at the last kept step.
 */
import { buildExperiment } from '../engine/core/experiment';
import { packedLength, unpackParams } from '../engine/core/params';
import type { OptimizerState } from '../engine/trainers/trainer';
import { experimentConfig, isValidSettings } from '../settings/settings';
import { unpackResume, type Command, type ResumeState } from './protocol';
import type { RunStarter } from './runStart';

export type RestoreCommand = Extract<Command, { type: 'restore' }>;

export async function restoreRun(cmd: RestoreCommand, session: RunStarter): Promise<void> {
  const { settings } = cmd;
  if (!isValidSettings(settings)) throw new Error('Refused to restore a configuration that does not pass validation.');
  const generation = session.nextGeneration();
  await session.ensureBackend(settings);
  if (!session.isCurrent(generation)) return;
  const experiment = buildExperiment(experimentConfig(settings), cmd.clauses);
  const { n, m, K } = experiment.shape;
  const problem = restoreProblem(cmd.snapshots, packedLength(n, m, K), settings.steps);
  if (problem) throw new Error(`The run could not be restored: ${problem}`);
  const last = cmd.snapshots[cmd.snapshots.length - 1];
  session.startRun({
    settings,
    experiment,
    source: {
      kind: 'page',
      snapshots: cmd.snapshots.map((s) => ({ step: s.step, params: unpackParams(s.data, n, m, K) })),
      resume: cmd.resume && cmd.resume.step === last.step ? resumeOrNull(cmd.resume, n, m, K) : null,
    },
    imported: cmd.imported,
    playback: { type: 'restore', imported: cmd.imported, atEnd: last.step >= settings.steps, notStarted: last.step === 0 && cmd.playback === 'idle' },
    announce: 'restored',
  });
}

/** The optimizer state the page sent, or null when it does not fit this model (the run is then retrained up to its last snapshot). */
function resumeOrNull(resume: ResumeState, n: number, m: number, K: number): OptimizerState | null {
  try {
    return unpackResume(resume, n, m, K);
  } catch {
    return null;
  }
}

/** Why restored snapshots cannot be a run of these settings; null when they can. */
export function restoreProblem(snapshots: readonly { step: number; data: Float32Array }[], length: number, steps: number): string | null {
  if (snapshots.length === 0) return 'there is no snapshot.';
  let previous = -1;
  for (const s of snapshots) {
    if (!Number.isInteger(s.step) || s.step <= previous || s.step > steps) return `snapshot steps must rise from 0 to at most ${steps}; found ${s.step} after ${previous}.`;
    if (!(s.data instanceof Float32Array) || s.data.length !== length) return `the snapshot at step ${s.step} does not have this model's ${length} values.`;
    previous = s.step;
  }
  return snapshots[0].step === 0 ? null : 'the first snapshot must be step 0.';
}
