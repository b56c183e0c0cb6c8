import { describe, expect, it } from 'vitest';
import type { TicketResult } from '../../engine/labs/lotteryExperiment';
import { summarize, ticketsCsv } from './summary';

const t = (method: TicketResult['method'], seed: number, kept: number, ba: number, coded: number): TicketResult =>
  ({
    method,
    mode: 'imp',
    seed,
    round: 1,
    kept,
    sparsity: 1 - kept / 100,
    target: kept === 50,
    rewindStep: 0,
    balancedAccuracy: ba,
    exactMatch: 0,
    codes: [coded > 0 ? [1] : [], coded > 1 ? [2] : [], [], []],
    reexpression: [],
    masks: { W1: new Uint8Array(), W2: new Uint8Array() },
    final: { W1: new Float32Array(), b1: new Float32Array(), W2: new Float32Array(), b2: new Float32Array() },
    supported: new Uint8Array(),
  }) as TicketResult;

describe('lottery summaries', () => {
  it('averages over seeds with min and max, counts wins against each seed’s own dense run, and orders by method', () => {
    const dense = [
      { seed: 1, dataSeed: 1, finalCodes: [], balancedAccuracy: 0.99, exactMatch: 0.9 },
      { seed: 2, dataSeed: 2, finalCodes: [], balancedAccuracy: 0.9, exactMatch: 0.8 },
    ];
    const s = summarize([t('reinit', 1, 50, 0.8, 1), t('ticket', 1, 50, 0.985, 2), t('ticket', 2, 50, 0.88, 1)], dense, 0.01);
    expect(s.map((l) => l.method)).toEqual(['ticket', 'reinit']);
    expect(s[0].balancedAccuracy).toEqual({ mean: (0.985 + 0.88) / 2, min: 0.88, max: 0.985, n: 2 });
    expect(s[0].wins).toBe(1); // seed 1: 0.985 >= 0.98 wins; seed 2: 0.88 < 0.89 loses
    expect(s[0].codeRecovery.mean).toBeCloseTo((0.5 + 0.25) / 2, 12);
    expect(s[1].wins).toBe(0);
  });

  it('writes one CSV record per retrained network, with its own seed’s dense accuracy and win at ε', () => {
    const dense = [{ seed: 1, dataSeed: 1, finalCodes: [], balancedAccuracy: 0.99, exactMatch: 0.9 }];
    const ticket = { ...t('ticket', 1, 50, 0.985, 2), reexpression: ['same-row', 'lost', 'different-row', 'lost'] } as TicketResult;
    const lines = ticketsCsv([ticket, t('reinit', 1, 50, 0.97, 1)], dense, 0.01).split('\r\n');
    expect(lines).toHaveLength(4); // header, two records, and the empty string after the last CRLF
    expect(lines[0].split(',')).toHaveLength(16);
    expect(lines[1]).toBe('ticket,imp,1,true,0.5,50,1,0,0.985,0,0.99,true,2,1,1,2');
    expect(lines[2]).toBe('reinit,imp,1,true,0.5,50,1,0,0.97,0,0.99,false,1,0,0,0');
  });
});
