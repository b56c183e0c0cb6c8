import { describe, expect, it } from 'vitest';
import { buildExperiment } from '../engine/core/experiment';
import { DEFAULTS, experimentConfig, featureSettings } from '../settings/settings';
import { RunHistory } from './runHistory';

const TINY = { ...DEFAULTS, n: 4, K: 1, k: 1, m: 2, batch: 1 };
const experiment = buildExperiment(experimentConfig(TINY));

function history(snapshotEvery: number, cap: number) {
  return new RunHistory(experiment, featureSettings(TINY), snapshotEvery, cap);
}

/** Keeps `step` as the session does: the stride's steps, plus whatever `halts` add. */
function trainTo(h: RunHistory, last: number, halts: ReadonlySet<number> = new Set()) {
  const dropped: number[] = [];
  for (let step = 0; step <= last; step++) {
    if (step === 0 || step % h.stride === 0 || halts.has(step) || step === last) {
      if (h.last?.step === step) continue;
      dropped.push(...h.keep(step, experiment.init).dropped);
      expect(h.kept.length).toBeLessThanOrEqual(h.cap);
    }
  }
  return dropped;
}

describe('the run history (bounded, thinned)', () => {
  it('keeps every snapshot while under the cap', () => {
    const h = history(5, 100);
    expect(trainTo(h, 200)).toEqual([]);
    expect(h.kept.map((k) => k.step)).toEqual(Array.from({ length: 41 }, (_, i) => 5 * i));
    expect(h.stride).toBe(5);
  });

  it('at the cap, doubles the stride and keeps step 0, the multiples of the new stride and the newest', () => {
    const h = history(1, 10);
    // Steps 0..9 fill it; step 10 finds it full: 1, 3, 5, 7, 9 go, the stride becomes 2.
    const dropped = trainTo(h, 10);
    expect(dropped).toEqual([1, 3, 5, 7, 9]);
    expect(h.kept.map((k) => k.step)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.stride).toBe(2);
  });

  it('stays evenly spread over a long run, its early steps as dense as its late ones', () => {
    const h = history(3, 50);
    trainTo(h, 3 * 1000);
    const steps = h.kept.map((k) => k.step);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(3000);
    // Every gap is the stride, but the last: the run's last step need not be on it.
    const gaps = steps.slice(1).map((s, i) => s - steps[i]);
    expect(new Set(gaps.slice(0, -1))).toEqual(new Set([h.stride]));
    expect(gaps.at(-1)).toBeLessThanOrEqual(h.stride);
    expect(h.stride).toBe(3 * 2 ** Math.ceil(Math.log2(1001 / 50)));
  });

  it('drops halt snapshots off the stride at the next thinning, but never the newest', () => {
    const h = history(4, 8);
    const halts = new Set([5, 13, 29]);
    const dropped = trainTo(h, 29, halts);
    const steps = h.kept.map((k) => k.step);
    expect(steps.at(-1)).toBe(29);
    expect(steps.filter((s) => s !== 29).every((s) => s % h.stride === 0)).toBe(true);
    expect(dropped).toEqual(expect.arrayContaining([5, 13]));
    // Everything ever kept is either still kept or was reported dropped, exactly once.
    expect(new Set(dropped).size).toBe(dropped.length);
    expect(dropped.some((s) => steps.includes(s))).toBe(false);
  });

  it('keeps its timeline in step with its snapshots, through thinning and re-analysis', () => {
    const h = history(1, 20);
    trainTo(h, 100);
    const steps = h.kept.map((k) => k.step);
    expect(h.analysis()!.timeline.map((p) => p.step)).toEqual(steps);
    const frames = h.reanalyze({ ...featureSettings(TINY), tau: 0.5 });
    expect(frames.map((f) => f.step)).toEqual(steps);
    expect(h.analysis()!.timeline.map((p) => p.step)).toEqual(steps);
  });

  it('refuses a cap that could not hold step 0 and the newest', () => {
    expect(() => history(1, 1)).toThrow(RangeError);
    expect(() => history(0, 10)).toThrow(RangeError);
  });
});
