/** The method registry: one entry per method, its two halves agree, and every chart line is told apart by more than colour. */
import { describe, expect, it } from 'vitest';
import { MASK_MAKERS } from './maskMakers';
import { METHOD_IDS as FROM_METHOD_IDS } from './methodIds';
import { DEFAULT_METHODS, METHOD_IDS, PROBES } from './registry';

describe('the method registry', () => {
  it('lists the nine methods of SPEC 6 once each, in the order the forms and charts show them', () => {
    expect(METHOD_IDS).toEqual(['distance', 'motion', 'random', 'magnitude-init', 'snip', 'grasp', 'synflow', 'oneshot', 'imp']);
    expect(FROM_METHOD_IDS).toBe(METHOD_IDS);
  });

  it('has a mask maker for every method and for nothing else', () => {
    expect(Object.keys(MASK_MAKERS).sort()).toEqual([...METHOD_IDS].sort());
  });

  it('names the two feature-space probes as probes and IMP as the reference', () => {
    expect(PROBES.filter((p) => p.kind === 'probe').map((p) => p.id)).toEqual(['distance', 'motion']);
    expect(PROBES.filter((p) => p.kind === 'reference').map((p) => p.id)).toEqual(['imp']);
  });

  it('starts the comparison with every method chosen', () => {
    expect(DEFAULT_METHODS).toEqual(METHOD_IDS);
  });

  it('gives each method its own combination of colour, dash and symbol', () => {
    const styles = PROBES.map((p) => `${p.style.color}|${p.style.dash}|${p.style.symbol}`);
    expect(new Set(styles).size).toBe(PROBES.length);
  });
});
