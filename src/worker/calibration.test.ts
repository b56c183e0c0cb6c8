/**
 * auto's choice by measurement, with a fake clock: figures in, choice out; every deadline
 * inside the budget; a candidate that cannot time a step in its share is "too slow" and loses.
 */
import { describe, expect, it } from 'vitest';
import {
  CALIBRATION_BUDGET_MS,
  FALLBACK,
  cachedFor,
  calibrate,
  calibrationKey,
  fastest,
  isCalibration,
  planCandidates,
  type Candidate,
  type CandidatePlan,
  type Figure,
  type Timer,
  type Workload,
} from './calibration';
import { TIMED_MS, timeUntil } from './calibrationTimers';

const timed = (candidate: Candidate, rate: number): Figure => ({ candidate, outcome: 'timed', rate, note: null });
const GPU = { renderer: 'NVIDIA GeForce RTX 4090', software: false };
const SWIFTSHADER = { renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))', software: true };

/** A clock that moves only when a fake timer says it does. */
function fakeClock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('choosing from figures', () => {
  it('picks the fastest timed candidate, ignoring skipped and too-slow ones', () => {
    expect(fastest([timed('fused-wasm', 19_700), timed('fused-js', 9_100), { candidate: 'webgl', outcome: 'skipped', rate: null, note: 'skipped' }])).toBe('fused-wasm');
    expect(fastest([timed('fused-wasm', 900), timed('fused-js', 1200)])).toBe('fused-js');
    expect(fastest([timed('fused-wasm', 500), timed('webgl', 31_000)])).toBe('webgl');
    // Nothing timed: the first CPU step not skipped (fused-wasm where SIMD validates), never an untimed webgl.
    const slow = (candidate: Candidate): Figure => ({ candidate, outcome: 'tooSlow', rate: null, note: 'too slow' });
    expect(fastest([slow('fused-wasm'), slow('fused-js'), slow('webgl')])).toBe('fused-wasm');
    expect(fastest([{ candidate: 'fused-wasm', outcome: 'skipped', rate: null, note: 'no SIMD' }, slow('fused-js'), slow('webgl')])).toBe('fused-js');
    expect(fastest([slow('webgl')])).toBe(FALLBACK);
    expect(fastest([])).toBe('fused-js');
  });

  it('plans webgl only on a real GPU and fused-wasm only with SIMD, saying why otherwise', () => {
    const skips = (probe: { renderer: string | null; software: boolean | null }, simd: boolean) => Object.fromEntries(planCandidates(probe, simd).map((p) => [p.candidate, p.skip]));
    expect(skips(GPU, true)).toEqual({ 'fused-wasm': null, 'fused-js': 'skipped: the fallback, timed only where fused-wasm cannot run', webgl: null });
    expect(skips(GPU, false)).toEqual({ 'fused-wasm': 'skipped: this browser has no WebAssembly SIMD', 'fused-js': null, webgl: null });
    expect(skips(SWIFTSHADER, true).webgl).toBe(`skipped: ${SWIFTSHADER.renderer} is a software rasterizer (the CPU draws), not a GPU`);
    expect(skips({ renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)', software: true }, true).webgl).toMatch(/^skipped: llvmpipe .* software rasterizer/);
    expect(skips({ renderer: null, software: null }, false)).toEqual({ 'fused-wasm': 'skipped: this browser has no WebAssembly SIMD', 'fused-js': null, webgl: 'skipped: no WebGL in this worker' });
  });
});

/** Every candidate timed (a GPU, and a browser where fused-js is timed too), and the CPU steps only. */
const ALL: CandidatePlan[] = [
  { candidate: 'fused-wasm', skip: null },
  { candidate: 'fused-js', skip: null },
  { candidate: 'webgl', skip: null },
];
const CPU_ONLY: CandidatePlan[] = [...ALL.slice(0, 2), { candidate: 'webgl', skip: 'skipped: no WebGL in this worker' }];

describe('calibrate, within its budget', () => {
  it('times only fused-wasm and a GPU’s webgl where SIMD validates, in halves of the budget each', async () => {
    const clock = fakeClock();
    const timed: string[] = [];
    const timer: Timer = (c, w, deadline) => {
      timed.push(`${c} ${w} ${deadline - clock.now()}`);
      clock.advance(deadline - clock.now());
      return { rate: 1 };
    };
    const r = await calibrate(planCandidates(SWIFTSHADER, true), timer, { key: 'k', now: clock.now });
    expect(timed).toEqual(['fused-wasm single 75', 'fused-wasm batched 75']);
    expect(r.single.map((f) => f.outcome)).toEqual(['timed', 'skipped', 'skipped']);
  });

  it('times every candidate on both workloads in equal shares of the budget, and chooses each workload apart', async () => {
    const clock = fakeClock();
    const deadlines: [Candidate, Workload, number][] = [];
    const rates: Record<string, number> = {
      'fused-wasm single': 19_700,
      'fused-js single': 9_100,
      'webgl single': 130,
      'fused-wasm batched': 31_000,
      'fused-js batched': 12_000,
      'webgl batched': 60_000,
    };
    const timer: Timer = (c, w, deadline) => {
      deadlines.push([c, w, deadline - clock.now()]);
      clock.advance(deadline - clock.now()); // uses its whole share
      return { rate: rates[`${c} ${w}`] };
    };
    const r = await calibrate(ALL, timer, { key: 'k', now: clock.now });
    expect(deadlines.map(([c, w]) => `${c} ${w}`)).toEqual(['fused-wasm single', 'fused-wasm batched', 'fused-js single', 'fused-js batched', 'webgl single', 'webgl batched']);
    // Six measurements, 150 ms: 25 ms each, and not a millisecond more in all.
    for (const [, , share] of deadlines) expect(share).toBeCloseTo(CALIBRATION_BUDGET_MS / 6, 9);
    expect(r.totalMs).toBeCloseTo(CALIBRATION_BUDGET_MS, 9);
    expect(r.choice).toEqual({ single: 'fused-wasm', batched: 'webgl' });
    expect(r.single.map((f) => f.rate)).toEqual([19_700, 9_100, 130]);
  });

  it('reports a candidate whose first step eats the budget as too slow, and the ones left get no time', async () => {
    const clock = fakeClock();
    const timer: Timer = (c, _w, deadline) => {
      if (c === 'fused-wasm') {
        clock.advance(200); // an uninterruptible first step, far past its share
        return { tooSlow: 'its first step took 200 ms, its whole share' };
      }
      clock.advance(deadline - clock.now());
      return { rate: 1000 };
    };
    const r = await calibrate(CPU_ONLY, timer, { key: 'k', now: clock.now });
    expect(r.single.map((f) => [f.candidate, f.outcome])).toEqual([
      ['fused-wasm', 'tooSlow'],
      ['fused-js', 'tooSlow'],
      ['webgl', 'skipped'],
    ]);
    expect(r.single[0].note).toBe('too slow to time: its first step took 200 ms, its whole share');
    expect(r.single[1].note).toBe('too slow to time: no time left in the 150 ms budget');
    // Nothing timed: fused-wasm, the fastest CPU step where SIMD validates.
    expect(r.choice).toEqual({ single: 'fused-wasm', batched: 'fused-wasm' });
  });

  it('gives later candidates what an earlier one left unused', async () => {
    const clock = fakeClock();
    const shares: number[] = [];
    const timer: Timer = (_c, _w, deadline) => {
      shares.push(deadline - clock.now());
      clock.advance(5);
      return { rate: 1 };
    };
    await calibrate(CPU_ONLY, timer, { key: 'k', now: clock.now, budgetMs: 100 });
    const expected = [25, 95 / 3, 90 / 2, 85];
    shares.forEach((share, i) => expect(share).toBeCloseTo(expected[i], 9));
  });
});

describe('timeUntil, the real timer, on a fake clock', () => {
  /** A trainer whose steps take `stepMs` each (the first `firstMs`). */
  const trainer = (clock: ReturnType<typeof fakeClock>, firstMs: number, stepMs: number) => () => {
    let first = true;
    return {
      train: (n: number) => {
        clock.advance(first ? firstMs + (n - 1) * stepMs : n * stepMs);
        first = false;
      },
      read: () => {},
      dispose: () => {},
    };
  };

  it('times steps after the first until the deadline or TIMED_MS, never counting one that ends past it', () => {
    const clock = fakeClock();
    const rate = (r: ReturnType<typeof timeUntil>) => ('rate' in r ? r.rate : Number.NaN);
    expect(rate(timeUntil(trainer(clock, 10, 0.1), clock.now() + 40, clock.now))).toBeCloseTo(10_000, 6);
    // 10 ms first step, then TIMED_MS of timed steps: the rest of the share is left over.
    expect(clock.now() - 1000).toBeGreaterThan(10 + TIMED_MS / 2);
    expect(clock.now() - 1000).toBeLessThanOrEqual(10 + TIMED_MS);
    const c1 = fakeClock();
    expect(rate(timeUntil(trainer(c1, 10, 0.1), c1.now() + 15, c1.now))).toBeCloseTo(10_000, 6);
    expect(c1.now()).toBeLessThanOrEqual(1000 + 15);
    // Batched: the rate counts every model's step.
    const c2 = fakeClock();
    expect(rate(timeUntil(trainer(c2, 1, 0.5), c2.now() + 20, c2.now, 16))).toBeCloseTo(32_000, 6);
  });

  it('is too slow to time when the first step, or the first timed one, does not fit', () => {
    const clock = fakeClock();
    expect(timeUntil(trainer(clock, 50, 1), clock.now() + 30, clock.now)).toEqual({ tooSlow: 'its first step took 50 ms, its whole share' });
    const c2 = fakeClock();
    expect(timeUntil(trainer(c2, 20, 15), c2.now() + 30, c2.now)).toEqual({ tooSlow: 'no timed step fit in its share after a first step of 20 ms' });
  });
});

describe('the cache, per device', () => {
  const cal = (key: string) => ({
    key,
    single: [timed('fused-wasm', 100)],
    batched: [timed('fused-js', 50)],
    choice: { single: 'fused-wasm', batched: 'fused-js' },
    totalMs: 120,
    budgetMs: 150,
    models: 16,
  });

  it('keys a device by its WebGL renderer and user agent', () => {
    expect(calibrationKey('ANGLE (SwiftShader)', 'UA/1')).toBe('ANGLE (SwiftShader)\nUA/1');
    expect(calibrationKey(null, 'UA/1')).toBe('no WebGL\nUA/1');
    expect(calibrationKey('GPU A', 'UA/1')).not.toBe(calibrationKey('GPU B', 'UA/1'));
    expect(calibrationKey('GPU A', 'UA/1')).not.toBe(calibrationKey('GPU A', 'UA/2'));
  });

  it('uses only this device’s kept calibration, and only a well-formed one', () => {
    const mine = calibrationKey('GPU A', 'UA/1');
    const records: unknown[] = [cal(calibrationKey('GPU B', 'UA/1')), { ...cal(mine), choice: { single: 'tpu', batched: 'fused-js' } }, cal(mine)];
    expect(cachedFor(records, mine)).toEqual(cal(mine));
    expect(cachedFor(records, calibrationKey('GPU A', 'UA/2'))).toBeNull();
    expect(cachedFor([null, 'x', 3, { key: mine }], mine)).toBeNull();
    expect(isCalibration({ ...cal(mine), single: [{ candidate: 'fused-js', outcome: 'timed', rate: -1, note: null }] })).toBe(false);
  });
});
