import { describe, expect, it } from 'vitest';
import { analyzeRun, locationState, type FeatureSettings } from './runAnalysis';
import type { Clause, Params } from '../core/types';

const FS: FeatureSettings = { tau: 0.3, tauOut: 0.25, r: 1, precursorNeedsReadout: false };
const clauses: Clause[] = [
  { inputs: [0, 1], template: [1, 1] }, // c0: x0 ∧ x1
  { inputs: [2, 3], template: [1, -1] }, // c1: x2 ∧ ¬x3
];
const shape = { n: 4, m: 3, K: 2 };

/** Params from W1 rows and W2 columns given per row: readout[j] = [W2[0,j], W2[1,j]]. */
function net(rows: number[][], readout: number[][]): Params {
  const W2 = new Float32Array(2 * 3);
  readout.forEach((r, j) => r.forEach((v, c) => (W2[c * 3 + j] = v)));
  return { W1: Float32Array.from(rows.flat()), b1: new Float32Array(3), W2, b2: new Float32Array(2) };
}

describe('codes', () => {
  it('needs distance 0 and a positive readout: a row that matches but reads out negatively is no code', () => {
    const p = net(
      [
        [1, 1, 0, 0],
        [1, 1, 0, 0],
        [0, 0, 1, -1],
      ],
      [
        [1, 0],
        [-1, 0],
        [0, 1],
      ],
    );
    const s = locationState(p, shape, clauses, FS);
    expect(Array.from(s.codes)).toEqual([1, 0, 0, 0, 0, 1]); // (0,c0) and (2,c1)
    expect(Array.from(s.inhibitory)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('finds an inhibitory code: the negated template with a negative readout', () => {
    const p = net(
      [
        [-1, -1, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      [
        [-1, 0],
        [0.1, 0],
        [0, 1],
      ],
    );
    const s = locationState(p, shape, clauses, FS);
    expect(s.inhibitory[0]).toBe(1);
    expect(s.codes[0]).toBe(0);
  });
});

describe('run analysis', () => {
  // Init: row 0 is one literal from c0 (precursor), row 1 matches c0 (precursor),
  // row 2 is far from both. Final: row 0 codes c0 (converged), row 1 drifted away (rejected),
  // row 2 codes c1 though it was not a precursor (recruited).
  const init = net(
    [
      [1, 0, 0, 0],
      [1, 1, 0, 0],
      [0, 0, -1, 1],
    ],
    [
      [1, 1],
      [1, 1],
      [1, 1],
    ],
  );
  const final = net(
    [
      [1, 1, 0, 0],
      [-1, 0, 0, 0],
      [0, 0, 1, -1],
    ],
    [
      [1, 0],
      [1, 0],
      [0, 1],
    ],
  );
  const snaps = [
    { step: 0, params: init },
    { step: 10, params: final },
  ];

  it('labels precursors converged or rejected, and final codes that were no precursor recruited', () => {
    const a = analyzeRun(snaps, shape, clauses, FS);
    expect(a.finalCodes).toEqual([[0], [2]]);
    expect(a.precursors).toEqual([
      { row: 0, clause: 0, d0: 1, outcome: 'converged' },
      { row: 1, clause: 0, d0: 0, outcome: 'rejected' },
    ]);
    expect(a.recruited).toEqual([{ row: 2, clause: 1, d0: 2 }]);
    expect(a.d0).toEqual([
      [1, 2],
      [0, 2],
      [2, 2],
    ]);
    expect(a.crowd0).toEqual([1, 1, 0]);
    expect(a.crowdT).toEqual([1, 0, 1]);
    expect(a.rejectionByCrowd.map((b) => [b.label, b.precursors, b.rejected])).toEqual([
      ['1', 2, 1],
      ['2', 0, 0],
      ['3+', 0, 0],
    ]);
    expect(a.rejectionByCrowd[0].rate).toBe(0.5);
    expect(a.d0Histogram).toEqual({ all: [1, 1, 4], finalCodes: [0, 1, 1] });
    expect(a.timeline).toEqual([
      { step: 0, codedClauses: 1, inhibitedClauses: 0, codes: 1, inhibitoryCodes: 0 },
      { step: 10, codedClauses: 2, inhibitedClauses: 0, codes: 2, inhibitoryCodes: 0 },
    ]);
  });

  it('widens the precursor set with r, and narrows it with the readout option', () => {
    expect(analyzeRun(snaps, shape, clauses, { ...FS, r: 0 }).precursors).toHaveLength(1);
    expect(analyzeRun(snaps, shape, clauses, { ...FS, r: 2 }).precursors).toHaveLength(6);
    const negInit = { ...init, W2: Float32Array.from(init.W2).fill(-1, 0, 1) }; // W2[0,0] < 0
    const a = analyzeRun([{ step: 0, params: negInit }, snaps[1]], shape, clauses, { ...FS, precursorNeedsReadout: true });
    expect(a.precursors.map((p) => [p.row, p.clause])).toEqual([[1, 0]]);
  });

  it('buckets a row that is a precursor for three clauses under 3+', () => {
    const three: Clause[] = [clauses[0], { inputs: [0], template: [1] }, { inputs: [1], template: [1] }];
    const p = net(
      [
        [1, 1, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      [
        [1, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
      ],
    );
    const W2 = new Float32Array(9);
    W2[0] = 1; // W2[0,0]: row 0 reads out to c0 only
    const last = { ...p, W2 };
    const a = analyzeRun(
      [
        { step: 0, params: p },
        { step: 5, params: last },
      ],
      { n: 4, m: 3, K: 3 },
      three,
      { ...FS, r: 0 },
    );
    expect(a.crowd0).toEqual([3, 0, 0]);
    expect(a.rejectionByCrowd[2]).toMatchObject({ label: '3+', precursors: 3, rejected: 2 });
  });

  it('refuses a history without step 0', () => {
    expect(() => analyzeRun([snaps[1]], shape, clauses, FS)).toThrow(/step-0/);
  });
});
