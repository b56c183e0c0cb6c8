/** The session's resume state and its faults: the optimizer state sent with each batch, an injected throw, a lost WebGL context (while playing, paused, or in a lab). */
import { describe, expect, it } from 'vitest';
import { packedLength } from '../engine/core/params';
import { fakeGpu, FUSED, harness, items, straightRun, type Snapshots } from './sessionFixtures';

describe('resume state and faults', () => {
  it('sends the optimizer state with the last snapshot of every batch, and only there', async () => {
    const { events, session } = harness();
    await session.handle({ type: 'configure', settings: FUSED });
    await session.handle({ type: 'step', n: 120 });
    await session.handle({ type: 'step', n: 7 });
    const batches = events.filter((e): e is Snapshots => e.type === 'snapshots');
    expect(batches.map((b) => b.items.map((i) => i.step))).toEqual([[0], [50, 100, 120], [127]]);
    const len = packedLength(FUSED.n, FUSED.m, FUSED.K);
    for (const b of batches) {
      b.items.slice(0, -1).forEach((i) => expect(i.resume).toBeUndefined());
      const last = b.items.at(-1)!;
      expect(last.resume).toMatchObject({ t: last.step });
      expect(last.resume!.data.length).toBe(2 * len);
    }
    // The second moment is a mean of squares: never negative, and positive once trained.
    const v = batches[2].items[0].resume!.data.subarray(len);
    expect(v.every((x) => x >= 0) && v.some((x) => x > 0)).toBe(true);
  });

  it('a throw fault fails the next training chunk: playback failed, with the error', async () => {
    const { events, session, progress } = harness();
    await session.handle({ type: 'configure', settings: FUSED });
    await session.handle({ type: 'step', n: 10 });
    await session.handle({ type: 'fault', kind: 'throw' });
    expect(progress().playback).toBe('paused');
    await session.handle({ type: 'step', n: 10 });
    expect(events).toContainEqual({ type: 'error', message: 'Injected fault: a training step threw.' });
    expect(progress()).toMatchObject({ playback: 'failed', step: 10 });
    // Reset recovers, and the fault was used up.
    await session.handle({ type: 'reset' });
    await session.handle({ type: 'step', n: 10 });
    expect(progress()).toMatchObject({ playback: 'paused', step: 10 });
  });

  it('loseContext where there is no WebGL context is an error that leaves the run as it was', async () => {
    const { events, session, progress } = harness();
    await session.handle({ type: 'configure', settings: FUSED });
    await session.handle({ type: 'step', n: 5 });
    await session.handle({ type: 'fault', kind: 'loseContext' });
    expect(events.at(-1)).toEqual({ type: 'error', message: expect.stringMatching(/Only the tfjs webgl backend has a WebGL context to lose; this run trains on fused-js/) });
    await session.handle({ type: 'step', n: 5 });
    expect(progress()).toMatchObject({ playback: 'paused', step: 10 });
  });

  it('a context lost while playing: back to the last snapshot, on the fallback, and the same final weights', async () => {
    const gpu = fakeGpu();
    const { events, session, progress, until } = harness(gpu.faults);
    await session.handle({ type: 'configure', settings: FUSED });
    await session.handle({ type: 'speed', stepsPerSecond: 2000 });
    await session.handle({ type: 'play' });
    await until(() => progress().step >= 130);
    await session.handle({ type: 'fault', kind: 'loseContext' });
    await until(() => events.some((e) => e.type === 'backendChanged'));
    await session.handle({ type: 'speed', stepsPerSecond: null });
    await until(() => events.some((e) => e.type === 'finished'));
    expect(gpu.fallbacks).toBe(1);
    const changed = events.filter((e) => e.type === 'backendChanged');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ backend: { requested: 'fused-js', active: 'fused-js', reason: expect.stringMatching(/WebGL context was lost/) } });
    const m = /lost at step (\d+); training continues on fused-js from the snapshot at step (\d+); no step was lost\.$/.exec((changed[0] as { message: string }).message);
    expect(m).not.toBeNull();
    const [lostAt, from] = [Number(m![1]), Number(m![2])];
    expect(from % 50).toBe(0);
    expect(lostAt).toBeGreaterThanOrEqual(from);
    // Playback went on by itself; every stride step was kept exactly once.
    expect(items(events).map((i) => i.step)).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400]);
    expect(progress()).toMatchObject({ playback: 'finished', step: 400 });
    expect(Array.from(items(events).at(-1)!.data)).toEqual(Array.from(await straightRun(FUSED)));
  });

  it('a context lost while paused is noticed by its event, and the next command finds the run moved', async () => {
    const gpu = fakeGpu();
    const { events, session, progress, until } = harness(gpu.faults);
    await session.handle({ type: 'configure', settings: FUSED });
    await session.handle({ type: 'step', n: 77 });
    gpu.lost = true;
    gpu.onLost!();
    await until(() => events.some((e) => e.type === 'backendChanged'));
    expect(progress()).toMatchObject({ playback: 'paused', step: 77 });
    await session.handle({ type: 'step', n: 323 });
    expect(Array.from(items(events).at(-1)!.data)).toEqual(Array.from(await straightRun(FUSED)));
    // A loss nobody has seen yet is handled before the command that finds it.
    gpu.lost = true;
    await session.handle({ type: 'reset' });
    expect(gpu.fallbacks).toBe(2);
    expect(progress()).toMatchObject({ playback: 'idle', step: 0 });
  });

  it('a context lost during the lottery lab stops the lab, keeps the run and moves to the fallback', async () => {
    const gpu = fakeGpu();
    const { events, session, until } = harness(gpu.faults);
    await session.handle({ type: 'configure', settings: { ...FUSED, steps: 200 } });
    await session.handle({ type: 'step', n: 200 });
    await session.handle({ type: 'runLottery', settings: { mode: 'imp', scope: 'global', sparsities: [0.5, 0.8], rewindStep: 0, seeds: [2, 3] } });
    await session.handle({ type: 'fault', kind: 'loseContext' });
    await until(() => events.some((e) => e.type === 'lotteryDone'));
    expect(events.find((e) => e.type === 'lotteryDone')).toMatchObject({ cancelled: true, message: expect.stringMatching(/WebGL context was lost/) });
    await until(() => events.some((e) => e.type === 'backendChanged'));
    expect(events.find((e) => e.type === 'backendChanged')).toMatchObject({ message: expect.stringMatching(/lost during the lottery lab; the run is kept/) });
    expect(gpu.fallbacks).toBe(1);
  });
});
