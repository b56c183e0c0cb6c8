import { describe, expect, it } from 'vitest';
import type { RunAnalysis } from '../../engine/analysis/runAnalysis';
import type { TicketResult } from '../../engine/labs/lotteryExperiment';
import { DEFAULTS } from '../../settings/settings';
import { initFacts, mostCrowdedRow, movedClause, predictFacts, reexpressionFacts, selectionFacts, taskFacts, ticketFacts } from './facts';
import { STEPS, TOUR_STEPS } from './steps';

/** A hand-made analysis: 3 rows, 2 clauses; precursors (0,0) converged, (1,0) and (1,1) rejected; (2,1) recruited. */
const analysis: RunAnalysis = {
  finalStep: 3000,
  finalCodes: [[0], [2]],
  finalInhibitory: [[], []],
  precursors: [
    { row: 0, clause: 0, d0: 1, outcome: 'converged' },
    { row: 1, clause: 0, d0: 0, outcome: 'rejected' },
    { row: 1, clause: 1, d0: 1, outcome: 'rejected' },
  ],
  recruited: [{ row: 2, clause: 1, d0: 3 }],
  crowd0: [1, 2, 0],
  crowdT: [1, 0, 1],
  d0: [
    [1, 2],
    [0, 1],
    [2, 3],
  ],
  rejectionByCrowd: [],
  d0Histogram: { all: [1, 2, 2, 1], finalCodes: [0, 1, 0, 1] },
  timeline: [
    { step: 0, codedClauses: 0, inhibitedClauses: 0, codes: 0, inhibitoryCodes: 0 },
    { step: 1000, codedClauses: 2, inhibitedClauses: 0, codes: 3, inhibitoryCodes: 0 },
    { step: 3000, codedClauses: 2, inhibitedClauses: 0, codes: 2, inhibitoryCodes: 0 },
  ],
};

describe('the tour', () => {
  it('has exactly TOUR_STEPS steps, each with a title and a panel', () => {
    expect(STEPS).toHaveLength(TOUR_STEPS);
    for (const s of STEPS) expect(s.title.length).toBeGreaterThan(0);
  });
});

describe('the facts a tour step quotes', () => {
  it('writes the task out from the settings and the clauses', () => {
    const text = taskFacts({ ...DEFAULTS, k: 2 }, [{ inputs: [3, 7], template: [1, -1] }]);
    expect(text).toContain('Clause c0 is x3 ∧ ¬x7');
    expect(text).toContain('with probability 25.0%');
  });

  it('counts precursors at init and names the most crowded row', () => {
    expect(mostCrowdedRow(analysis)).toBe(1);
    expect(initFacts(analysis, DEFAULTS)).toContain('3 of the 6 code locations are already precursors');
    expect(initFacts(analysis, DEFAULTS)).toContain('Row 1 (selected) is a precursor for 2 clauses');
    expect(initFacts(null, DEFAULTS)).toBeNull();
  });

  it('reports provisional codes at the paused step', () => {
    expect(predictFacts(analysis, 100, 3000)).toContain('Right now 1 of the 3 precursors are codes (●) and 2 are not (✕); 2 of 2 clauses have a code');
  });

  it('reports the outcome only for a finished run', () => {
    expect(selectionFacts(analysis, false)).toBeNull();
    const text = selectionFacts(analysis, true)!;
    expect(text).toContain('Of 3 precursors, 1 converged and 2 were rejected (66.7% rejected); 1 code was recruited');
    expect(text).toContain('2 of 2 clauses are coded at the end');
  });

  const ticket = (method: TicketResult['method'], acc: number) =>
    ({
      method,
      seed: 9,
      target: true,
      sparsity: 0.5,
      kept: 4,
      rewindStep: 0,
      balancedAccuracy: acc,
      masks: { W1: new Uint8Array(6), W2: new Uint8Array(2) },
      codes: [[0], [1]],
      reexpression: ['same-row', 'different-row'],
    }) as unknown as TicketResult;

  it('judges the ticket against the dense run and names the controls', () => {
    const tickets = [ticket('ticket', 0.995), ticket('reinit', 0.97), ticket('random-mask', 0.9)];
    const dense = [{ seed: 9, dataSeed: 10, finalCodes: [[0], [2]], balancedAccuracy: 1, exactMatch: 1 }];
    const text = ticketFacts(tickets, dense, 9, 0.5, 0.01)!;
    expect(text).toContain('keeps 4 of 8 weights');
    expect(text).toContain('so it wins');
    expect(text).toContain('fresh random init reaches 97.0%');
    expect(ticketFacts(tickets, dense, 9, 0.5, 0.001)).toContain('does not win');
    expect(ticketFacts(tickets, dense, 9, 0.8, 0.01)).toBeNull();
  });

  it('finds the clause that moved rows and where it was at init', () => {
    const t = ticket('ticket', 1);
    expect(movedClause(t, [[0], [2]])).toBe(1);
    expect(movedClause(t, [[0], []])).toBeNull();
    const text = reexpressionFacts(t, [[0], [2]], analysis, [
      { inputs: [0, 1], template: [1, 1] },
      { inputs: [2, 3], template: [-1, 1] },
    ])!;
    expect(text).toContain('codes 1 on the same row as the dense run, 1 on a different row, and 0 on no row');
    expect(text).toContain('Clause c1 (¬x2 ∧ x3) was coded by row 2 in the dense run; the ticket codes it on row 1 (d₀ = 1 there at init)');
  });
});
