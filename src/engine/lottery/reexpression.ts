/**
 * Re-expression (SPEC 5, claim 4): after sparse retraining, is each clause coded on the same
 * row as in the dense run, on a different row, or by no row at all? And the winning-ticket
 * criterion, which judges the retrained accuracy against the dense run's.
 *
 * "lost" means *not coded by a row*, not "not computed": the sparse net may still get the
 * clause right through an inhibitory code or across rows. Views showing it must say so.
 */

export type Reexpression = 'same-row' | 'different-row' | 'lost';

/**
 * Per clause c, relative to the dense final codes F_c:
 * - 'same-row': some row coding c after sparse retraining is in F_c;
 * - 'different-row': coded after retraining, but on no row of F_c (also when F_c is empty);
 * - 'lost': no row codes c after retraining.
 * denseFinalCodes: [K][rows of F_c]; sparseCodes: [K][rows coding c in the sparse run].
 * Returns [K].
 */
export function reexpression(denseFinalCodes: number[][], sparseCodes: number[][]): Reexpression[] {
  if (denseFinalCodes.length !== sparseCodes.length) {
    throw new RangeError(`reexpression: ${denseFinalCodes.length} dense clauses vs ${sparseCodes.length} sparse`);
  }
  return sparseCodes.map((rows, c) => {
    if (rows.length === 0) return 'lost';
    const dense = new Set(denseFinalCodes[c]);
    return rows.some((j) => dense.has(j)) ? 'same-row' : 'different-row';
  });
}

/** How many clauses fall in each outcome; every key is present, zero when absent. */
export function reexpressionCounts(r: Reexpression[]): Record<Reexpression, number> {
  const counts: Record<Reexpression, number> = { 'same-row': 0, 'different-row': 0, lost: 0 };
  for (const outcome of r) counts[outcome]++;
  return counts;
}

/**
 * Slack on the winning comparison. Balanced accuracies on the 8192-sample test set differ by
 * at least ~1e-5 when they differ at all, so 1e-9 only absorbs float error in `dense − eps`
 * (0.52 − 0.05 is 0.47000000000000003, which would make 0.47 lose).
 */
const WINNING_SLACK = 1e-9;

/** SPEC 5: a ticket wins when its retrained balanced accuracy >= dense − eps (per seed). */
export function isWinning(ticketBalancedAccuracy: number, denseBalancedAccuracy: number, eps: number): boolean {
  return ticketBalancedAccuracy >= denseBalancedAccuracy - eps - WINNING_SLACK;
}
