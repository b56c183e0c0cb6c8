/** The backend badge's words about auto's calibration, computed from its figures. */
import { describe, expect, it } from 'vitest';
import { calibrationKey, type Calibration } from '../worker/calibration';
import { calibrationText, roundRate } from './calibrationText';

const cal = (): Calibration => ({
  key: calibrationKey('A', 'UA/1'),
  single: [
    { candidate: 'fused-wasm', outcome: 'timed', rate: 19_700, note: null },
    { candidate: 'fused-js', outcome: 'timed', rate: 9_149, note: null },
    { candidate: 'webgl', outcome: 'skipped', rate: null, note: 'skipped: SwiftShader is a software rasterizer (the CPU draws), not a GPU' },
  ],
  batched: [
    { candidate: 'fused-wasm', outcome: 'timed', rate: 31_040, note: null },
    { candidate: 'fused-js', outcome: 'tooSlow', rate: null, note: 'too slow to time: no time left in the 150 ms budget' },
    { candidate: 'webgl', outcome: 'skipped', rate: null, note: 'skipped: no WebGL in this worker' },
  ],
  choice: { single: 'fused-wasm', batched: 'fused-wasm' },
  totalMs: 141.6,
  budgetMs: 150,
  models: 16,
});

describe('the badge’s words', () => {
  it('round rates to three significant figures with separators', () => {
    expect([19_749, 9_149, 130.4, 31_040, 7.26, 1_234_567].map(roundRate)).toEqual(['19,700', '9,150', '130', '31,000', '7', '1,230,000']);
  });

  it('states each workload’s choice and every other candidate’s figure or reason, and whether it was measured now', () => {
    expect(calibrationText({ result: cal(), source: 'measured' })).toBe(
      'auto → fused-wasm: 19,700 steps/s vs fused-js 9,150 steps/s, webgl skipped: SwiftShader is a software rasterizer (the CPU draws), not a GPU; ' +
        'labs (16 models) → fused-wasm: 31,000 model-steps/s vs fused-js too slow to time: no time left in the 150 ms budget, webgl skipped: no WebGL in this worker; measured now in 142 ms.',
    );
    expect(calibrationText({ result: cal(), source: 'measured' }, true)).toBe(
      'auto → fused-wasm: 19,700 steps/s vs fused-js 9,150 steps/s, webgl skipped; labs (16 models) → fused-wasm: 31,000 model-steps/s vs fused-js too slow to time, webgl skipped; measured now in 142 ms.',
    );
    const none = {
      ...cal(),
      single: cal().single.map((f) => ({ ...f, outcome: 'tooSlow' as const, rate: null, note: 'too slow to time: x' })),
      choice: { single: 'fused-wasm' as const, batched: 'fused-wasm' as const },
    };
    expect(calibrationText({ result: none, source: 'cached' })).toMatch(
      /^auto → fused-wasm \(nothing could be timed in the budget: the fastest CPU step this browser runs\) vs fused-wasm too slow to time: x, fused-js too slow to time: x, webgl/,
    );
    expect(calibrationText({ result: none, source: 'cached' })).toMatch(/; cached: measured on an earlier visit in 142 ms\.$/);
  });
});
