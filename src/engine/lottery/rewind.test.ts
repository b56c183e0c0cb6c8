import { describe, expect, it } from 'vitest';
import { cloneParams, initParams, maxAbsDiff } from '../core/params';
import { mixSeed } from '../core/prng';
import type { Shape } from '../core/types';
import { maskedCount } from './budget';
import { randomMask } from './randomMask';
import { reinitControl, rewind } from './rewind';

const shape: Shape = { n: 24, m: 16, K: 12 };

describe('rewind', () => {
  const source = initParams(shape, 21);
  const masks = randomMask(shape, 173, 4);

  it('restores the source value exactly where kept and exactly +0 where pruned', () => {
    const p = rewind(source, masks);
    let negativePruned = 0;
    for (const l of ['W1', 'W2'] as const) {
      p[l].forEach((w, i) => {
        if (masks[l][i]) expect(w).toBe(source[l][i]);
        else {
          expect(Object.is(w, 0)).toBe(true); // +0, not −0 from a multiply
          if (source[l][i] < 0) negativePruned++;
        }
      });
    }
    expect(negativePruned).toBeGreaterThan(0);
  });

  it('copies the biases unpruned from the source', () => {
    const p = rewind(source, { W1: new Uint8Array(shape.m * shape.n), W2: new Uint8Array(shape.K * shape.m) });
    expect(Array.from(p.b1)).toEqual(Array.from(source.b1));
    expect(Array.from(p.b2)).toEqual(Array.from(source.b2));
    expect(p.b1.every((b) => b !== 0)).toBe(true);
  });

  it('never mutates its inputs and shares no array with the source', () => {
    const before = cloneParams(source);
    const maskCopy = { W1: masks.W1.slice(), W2: masks.W2.slice() };
    const p = rewind(source, masks);
    expect(maxAbsDiff(source, before)).toBe(0);
    expect(masks).toEqual(maskCopy);
    p.W1.fill(9);
    p.b1.fill(9);
    p.W2.fill(9);
    p.b2.fill(9);
    expect(maxAbsDiff(source, before)).toBe(0);
  });

  it('rejects masks of another shape', () => {
    expect(() => rewind(source, { W1: new Uint8Array(3), W2: masks.W2 })).toThrow(RangeError);
  });
});

describe('reinitControl', () => {
  const masks = randomMask(shape, 115, 6);

  it('puts the mask on the fresh init from mixSeed(initSeed, 0x7e1417), biases unmasked', () => {
    const fresh = initParams(shape, mixSeed(21, 0x7e1417));
    const p = reinitControl(shape, masks, 21);
    expect(maxAbsDiff(p, rewind(fresh, masks))).toBe(0);
    expect(Array.from(p.b1)).toEqual(Array.from(fresh.b1));
    const nonzero = [...p.W1, ...p.W2].filter((w) => w !== 0).length;
    expect(nonzero).toBe(maskedCount(masks));
  });

  it('differs from the dense run’s own init at the same seed', () => {
    const dense = rewind(initParams(shape, 21), masks);
    expect(maxAbsDiff(reinitControl(shape, masks, 21), dense)).toBeGreaterThan(0);
  });
});
