/** The page keeps auto's calibrations per device in storage; a measured one is kept, a cached one is not rewritten, re-measure forgets it. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { calibrationKey, type Calibration } from '../worker/calibration';
import type { Command } from '../worker/protocol';
import { CALIBRATION_STORAGE_KEY, MAX_KEPT_CALIBRATIONS, forgetCalibration, keepCalibration, keptCalibrations, type KeyValueStorage } from './calibrationCache';
import { createAppStore } from './store';

/** Web Storage over a Map, with a switch that makes writing fail as a full quota does. */
function memoryStorage() {
  const map = new Map<string, string>();
  let full = false;
  const storage: KeyValueStorage = {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
  return { storage, map, fill: () => void (full = true) };
}

const cal = (renderer: string, wasm = 19_700): Calibration => ({
  key: calibrationKey(renderer, 'UA/1'),
  single: [
    { candidate: 'fused-wasm', outcome: 'timed', rate: wasm, note: null },
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

describe('kept calibrations', () => {
  it('keeps one per device, newest first, replacing that device’s older one, and at most a few devices', () => {
    const { storage } = memoryStorage();
    keepCalibration(storage, cal('A'));
    keepCalibration(storage, cal('B'));
    keepCalibration(storage, cal('A', 20_000));
    expect(keptCalibrations(storage)).toEqual([cal('A', 20_000), cal('B')]);
    for (let i = 0; i < 20; i++) keepCalibration(storage, cal(`GPU ${i}`));
    expect(keptCalibrations(storage)).toHaveLength(MAX_KEPT_CALIBRATIONS);
    expect(keptCalibrations(storage)[0].key).toBe(calibrationKey('GPU 19', 'UA/1'));
  });

  it('forgets one device only, and reads bad or missing storage as nothing kept', () => {
    const { storage, map, fill } = memoryStorage();
    keepCalibration(storage, cal('A'));
    keepCalibration(storage, cal('B'));
    forgetCalibration(storage, cal('B').key);
    expect(keptCalibrations(storage)).toEqual([cal('A')]);
    forgetCalibration(storage, cal('A').key);
    expect(map.has(CALIBRATION_STORAGE_KEY)).toBe(false);
    map.set(CALIBRATION_STORAGE_KEY, '{not json');
    expect(keptCalibrations(storage)).toEqual([]);
    map.set(CALIBRATION_STORAGE_KEY, JSON.stringify([{ key: 'x' }, cal('C')]));
    expect(keptCalibrations(storage)).toEqual([cal('C')]);
    expect(keptCalibrations(null)).toEqual([]);
    fill();
    expect(() => keepCalibration(storage, cal('D'))).not.toThrow();
  });
});

describe('the store and the worker’s calibration', () => {
  it('keeps a measured calibration, not a cached one, and re-measure forgets it and asks the worker', () => {
    const { storage } = memoryStorage();
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), DEFAULTS, [], { storage });
    store.getState().receive({ type: 'calibrated', calibration: { result: cal('B'), source: 'cached' } });
    expect(keptCalibrations(storage)).toEqual([]);
    store.getState().receive({ type: 'calibrated', calibration: { result: cal('A'), source: 'measured' } });
    expect(keptCalibrations(storage)).toEqual([cal('A')]);
    expect(store.getState().calibration).toEqual({ result: cal('A'), source: 'measured' });
    store.getState().remeasure();
    expect(keptCalibrations(storage)).toEqual([]);
    expect(store.getState().calibrating).toBe(true);
    expect(sent.at(-1)).toEqual({ type: 'remeasure' });
    store.getState().receive({ type: 'calibrated', calibration: { result: cal('A', 18_000), source: 'measured' } });
    expect(store.getState().calibrating).toBe(false);
    expect(keptCalibrations(storage)).toEqual([cal('A', 18_000)]);
  });
});
