/**
 * The command line's run file: the app's own (worker/runFileIO.ts writes it, as the page's
 * Export run does), with a `sweep` field that says which task, lab settings and shard made it,
 * so `merge` can tell shards of one sweep from anything else.
 */
import { exportRunText, type LabFindings } from '../worker/runFileIO';
import type { DenseRun } from './denseRun';
import type { SweepRecord } from './sweep';

/** The run file's text for a dense run and what its labs found (findingsOf). */
export function runFileText(record: SweepRecord, dense: DenseRun, findings: LabFindings): string {
  const { settings, experiment, history } = dense;
  const text = exportRunText(settings, settings.backend, experiment.task.clauses, history, true, findings);
  // exportRunText ends with the top-level object's closing brace.
  return `${text.slice(0, -1)},"sweep":${JSON.stringify(record)}}`;
}
