/**
 * One CSV row per thing a task measured, for a notebook or a spreadsheet (the run file holds
 * the weights; the CSV holds the numbers):
 *   run      one row per kept snapshot: step, loss, balanced accuracy, exact match
 *   compare  one row per (method, sparsity, seed)
 *   lottery  one row per ticket and control
 *   seeds    one row per seed's dense run (the main run first)
 * `reexpression` counts are over a seed's clauses: same row, different row, lost (SPEC 5).
 */
import type { Reexpression } from '../engine/lottery/reexpression';
import type { LabFindings } from '../worker/runFileIO';
import type { DenseRun } from './denseRun';
import { ownRun } from './denseRun';
import { toCsv } from './output';
import type { TaskName } from './plan';

const count = (xs: readonly Reexpression[], what: Reexpression) => xs.filter((x) => x === what).length;
const coded = (codes: readonly (readonly number[])[]) => codes.filter((rows) => rows.length > 0).length;
const moves = (xs: readonly Reexpression[]) => [count(xs, 'same-row'), count(xs, 'different-row'), count(xs, 'lost')];
const MOVES = ['sameRow', 'differentRow', 'lost'];

export function csvText(task: TaskName, dense: DenseRun, f: LabFindings): string {
  if (task === 'compare') {
    const header = ['method', 'sparsity', 'kept', 'seed', 'balancedAccuracy', 'exactMatch', 'codeRecovery', 'familyRecovery', ...MOVES];
    return toCsv(
      header,
      f.comparison.map((r) => [r.method, r.sparsity, r.kept, r.seed, r.balancedAccuracy, r.exactMatch, r.codeRecovery, r.familyRecovery, ...moves(r.reexpression)]),
    );
  }
  if (task === 'lottery') {
    const denseAcc = new Map(f.denseRuns.map((d) => [d.seed, d.balancedAccuracy]));
    const header = ['method', 'mode', 'round', 'target', 'sparsity', 'kept', 'seed', 'rewindStep', 'balancedAccuracy', 'exactMatch', 'denseBalancedAccuracy', 'codedClauses', ...MOVES];
    return toCsv(
      header,
      f.tickets.map((t) => [
        t.method,
        t.mode,
        t.round,
        t.target,
        t.sparsity,
        t.kept,
        t.seed,
        t.rewindStep,
        t.balancedAccuracy,
        t.exactMatch,
        denseAcc.get(t.seed),
        coded(t.codes),
        ...moves(t.reexpression),
      ]),
    );
  }
  if (task === 'seeds') {
    const main = ownRun(dense);
    const runs = [main, ...(f.sweep?.runs ?? [])];
    return toCsv(
      ['seed', 'dataSeed', 'balancedAccuracy', 'exactMatch', 'codedClauses'],
      runs.map((r) => [r.seed, r.dataSeed, r.balancedAccuracy, r.exactMatch, coded(r.finalCodes)]),
    );
  }
  return toCsv(
    ['step', 'loss', 'balancedAccuracy', 'exactMatch'],
    dense.history.kept.map((k) => [k.step, k.metrics.loss, k.metrics.balancedAccuracy, k.metrics.exactMatch]),
  );
}
