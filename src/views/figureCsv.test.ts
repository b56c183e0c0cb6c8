import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { featureSpaceCsv, weightsCsv } from './figureCsv';

const records = (text: string) =>
  text
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));

// m = 2 rows, K = 2 clauses, n = 3 inputs; two snapshots, the second viewed.
const params = (scale: number) => ({
  W1: new Float32Array([1, -0.1, -1, 0.5, 0.5, -0.05].map((v) => v * scale)),
  b1: new Float32Array(2),
  W2: new Float32Array([1, -1, 0.2, 0.9]),
  b2: new Float32Array(2),
});
const state = {
  applied: { ...DEFAULTS, tau: 0.3, tauOut: 0.25 },
  viewStep: null,
  snapshots: [
    { step: 0, params: params(0.5) },
    { step: 20, params: params(1) },
  ],
  frames: [
    { step: 0, d: new Uint8Array([1, 2, 3, 0]), dTilde: new Float32Array([1.5, 2, 3, 0.25]), flags: new Uint8Array(4) },
    { step: 20, d: new Uint8Array([0, 2, 3, 1]), dTilde: new Float32Array([0, 2.5, 3, 1]), flags: new Uint8Array([1, 0, 2, 0]) },
  ],
  analysis: {
    d0: [
      [1, 2],
      [3, 0],
    ],
    precursors: [
      { row: 0, clause: 0, d0: 1, outcome: 'converged' },
      { row: 1, clause: 1, d0: 0, outcome: 'rejected' },
    ],
    recruited: [],
  },
  selectedTicket: null,
  selectedComparison: null,
  lottery: { tickets: [] },
  comparison: { results: [] },
} as never;

describe('figure CSVs', () => {
  it('lists every code location at the viewed step with d0, d, d̃, code flags and outcome', () => {
    const r = records(featureSpaceCsv(state));
    expect(r[0]).toEqual(['step', 'row', 'clause', 'd0', 'd', 'dTilde', 'code', 'inhibitoryCode', 'outcome', 'supportedBySelectedMask']);
    expect(r.slice(1)).toEqual([
      ['20', '0', '0', '1', '0', '0', 'true', 'false', 'converged', ''],
      ['20', '0', '1', '2', '2', '2.5', 'false', 'false', '', ''],
      ['20', '1', '0', '3', '3', '3', 'false', 'true', '', ''],
      ['20', '1', '1', '0', '1', '1', 'false', 'false', 'rejected', ''],
    ]);
  });

  it('lists every weight of the viewed step with its sign category at τ (W1) or τ_out (W2)', () => {
    const w1 = records(weightsCsv('W1', state));
    expect(w1).toHaveLength(1 + 6);
    // Row 1 of W1 is [0.5, 0.5, −0.05]: σ = 0.5, so ±0.15 is the threshold and −0.05 is 0.
    expect(w1.slice(4).map((r) => [r[2], r[3], r[5], r[6]])).toEqual([
      ['1', '0', '1', 'true'],
      ['1', '1', '1', 'true'],
      ['1', '2', '0', 'true'],
    ]);
    const w2 = records(weightsCsv('W2', state));
    expect(w2.slice(1).map((r) => r[5])).toEqual(['1', '-1', '0', '1']);
    expect(w2[1].slice(0, 2)).toEqual(['20', 'W2']);
  });
});
