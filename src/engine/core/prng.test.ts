import { describe, expect, it } from 'vitest';
import { mixSeed, Prng } from './prng';

describe('Prng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    const sb = Array.from({ length: 8 }, () => b.nextUint32());
    const sc = Array.from({ length: 8 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('keeps floats in [0, 1) with a mean near 1/2', () => {
    const r = new Prng(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const u = r.nextFloat();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('fillFloats draws exactly what repeated nextFloat draws, and continues the stream', () => {
    const a = new Prng(9);
    const b = new Prng(9);
    const buf = new Float64Array(100);
    a.fillFloats(buf, 100);
    for (let i = 0; i < 100; i++) expect(buf[i]).toBe(b.nextFloat());
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('draws integers in range with every value reachable', () => {
    const r = new Prng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(7);
      expect(Number.isInteger(v) && v >= 0 && v < 7).toBe(true);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
  });

  it('mixes stream indices into distinct seeds', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, t) => mixSeed(3, 0xda7a, t)));
    expect(seeds.size).toBe(1000);
  });
});
