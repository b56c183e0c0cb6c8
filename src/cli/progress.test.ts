import { describe, expect, it } from 'vitest';
import { duration, Progress, progressLine } from './progress';

describe('progress', () => {
  it('says the time left from the rate so far', () => {
    // 1000 of 4000 model-steps in 10 s: 3000 more at 100 per second is 30 s.
    expect(progressLine('compare', 1000, 4000, 10, 8)).toBe('compare [██░░░░░░]  25%  1000/4000 model-steps  30 s left');
    expect(progressLine('run', 0, 10, 0, 4)).toBe('run [░░░░]   0%  0/10 model-steps  estimating time left');
    expect(duration(3725)).toBe('1 h 02 m');
    expect(duration(185)).toBe('3 m 05 s');
  });
});

describe('the progress bar on a terminal', () => {
  it('redraws in place at most 10 times a second, shortening the bar to keep the time left on a narrow terminal', () => {
    const written: string[] = [];
    let now = 0;
    const bar = new Progress('compare', { isTTY: true, columns: 60, write: (t) => written.push(t) }, () => now);
    now = 10_000;
    bar.update(1000, 4000);
    now = 10_050;
    bar.update(1100, 4000); // too soon: not drawn
    expect(written).toHaveLength(1);
    expect(written[0].startsWith('\r')).toBe(true);
    expect(written[0]).toContain('30 s left');
    // "\r" + the line + erase-to-end ("\x1b[K"): the line fits 59 columns.
    expect(written[0].endsWith('\x1b[K')).toBe(true);
    expect(written[0].length - 1 - 3).toBeLessThanOrEqual(59);
  });

  it('writes a plain line every 10 s when stderr is not a terminal, and nothing when quiet', () => {
    const written: string[] = [];
    let now = 0;
    const log = new Progress('seeds', { write: (t) => written.push(t) }, () => now);
    for (now = 0; now <= 25_000; now += 1000) log.update(now, 50_000);
    expect(written.map((l) => l.endsWith('\n'))).toEqual([true, true, true]);
    const quiet = new Progress('seeds', null, () => now);
    quiet.update(1, 2);
    quiet.finish('done');
  });
});
