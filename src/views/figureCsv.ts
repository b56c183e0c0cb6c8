/**
 * The numbers behind the feature-space view and the weight heatmaps, as CSV (see ./csv), read
 * from the store at the viewed step exactly as those views draw them. Pure: unit-tested.
 */
import { signCategories } from '../engine/analysis/featureSpace';
import { selectedNetwork, viewedIndex, type AppState } from '../state/store';
import { CODE_FLAG, INHIBITORY_FLAG } from '../worker/protocol';
import { toCsv, type CsvCell } from './csv';

type StoreView = Pick<AppState, 'snapshots' | 'frames' | 'viewStep' | 'analysis' | 'applied' | 'selectedTicket' | 'selectedComparison' | 'lottery' | 'comparison'>;

export const FEATURE_SPACE_CSV_HEADER = ['step', 'row', 'clause', 'd0', 'd', 'dTilde', 'code', 'inhibitoryCode', 'outcome', 'supportedBySelectedMask'];

/** One record per code location (row j, clause c) at the viewed step, rows first. */
export function featureSpaceCsv(s: StoreView): string {
  const frame = s.frames[viewedIndex(s)];
  const K = s.analysis?.d0[0]?.length ?? 0;
  const m = K > 0 && frame ? frame.d.length / K : 0;
  const outcome = new Map<number, string>();
  for (const p of s.analysis?.precursors ?? []) outcome.set(p.row * K + p.clause, p.outcome);
  for (const r of s.analysis?.recruited ?? []) outcome.set(r.row * K + r.clause, 'recruited');
  const supported = selectedNetwork(s as AppState)?.supported ?? null;
  const rows: CsvCell[][] = [];
  for (let j = 0; j < m; j++) {
    for (let c = 0; c < K; c++) {
      const at = j * K + c;
      rows.push([
        frame.step,
        j,
        c,
        s.analysis?.d0[j]?.[c],
        frame.d[at],
        frame.dTilde[at],
        (frame.flags[at] & CODE_FLAG) !== 0,
        (frame.flags[at] & INHIBITORY_FLAG) !== 0,
        outcome.get(at) ?? '',
        supported ? supported[at] === 1 : '',
      ]);
    }
  }
  return toCsv(FEATURE_SPACE_CSV_HEADER, rows);
}

export const WEIGHTS_CSV_HEADER = ['step', 'matrix', 'row', 'column', 'weight', 'sign', 'kept'];

/**
 * One record per weight of W1 ([m][n], sign threshold τ) or W2 ([K][m], τ_out) as the heatmap
 * shows it: at the viewed step, or the selected ticket's retrained weights (step left empty).
 */
export function weightsCsv(which: 'W1' | 'W2', s: StoreView): string {
  const ticket = selectedNetwork(s as AppState);
  const snap = s.snapshots[viewedIndex(s)];
  const params = ticket ? ticket.final : snap.params;
  const W = params[which];
  const rows = which === 'W1' ? params.b1.length : params.b2.length;
  const cols = W.length / Math.max(1, rows);
  const signs = signCategories(W, rows, cols, which === 'W1' ? s.applied.tau : s.applied.tauOut);
  const mask = ticket ? ticket.masks[which] : null;
  const out: CsvCell[][] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const at = j * cols + i;
      out.push([ticket ? '' : snap.step, which, j, i, W[at], signs[at], mask ? mask[at] === 1 : true]);
    }
  }
  return toCsv(WEIGHTS_CSV_HEADER, out);
}
