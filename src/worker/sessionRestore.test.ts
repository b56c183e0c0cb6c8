/** Restore after a crash (a fresh session continues the run exactly, or refuses), and keep-alives during long synchronous work. */
import { describe, expect, it } from 'vitest';
import type { Settings } from '../settings/settings';
import type { Command, WorkerEvent } from './protocol';
import { TrainingSession, type SessionHost } from './session';
import { FUSED, harness, items, straightRun } from './sessionFixtures';

describe('restore after a crash, and keep-alives during long work', () => {
  it('restore in a fresh session continues to exactly the weights of an uninterrupted run', async () => {
    const a = harness();
    await a.session.handle({ type: 'configure', settings: FUSED });
    await a.session.handle({ type: 'step', n: 130 });
    const kept = items(a.events);
    const last = kept.at(-1)!;
    const b = harness();
    await b.session.handle({
      type: 'restore',
      settings: FUSED,
      imported: false,
      playback: 'running',
      snapshots: kept.map((i) => ({ step: i.step, data: i.data })),
      resume: { step: last.step, ...last.resume! },
    });
    expect(b.events.map((e) => e.type)).toEqual(['configured', 'analysis', 'progress']);
    expect(b.events[0]).toMatchObject({ restored: true, imported: false, settings: FUSED });
    expect(b.progress()).toMatchObject({ playback: 'paused', step: 130 });
    const analysis = (e: WorkerEvent[]) => e.find((x) => x.type === 'analysis');
    expect(analysis(b.events)).toEqual(analysis(a.events.slice().reverse()));
    await b.session.handle({ type: 'step', n: 270 });
    expect(items(b.events).map((i) => i.step)).toEqual([150, 200, 250, 300, 350, 400]);
    expect(Array.from(items(b.events).at(-1)!.data)).toEqual(Array.from(await straightRun(FUSED)));
  });

  it('restore without the optimizer state retrains up to the last snapshot on the first step, to the same weights', async () => {
    const a = harness();
    await a.session.handle({ type: 'configure', settings: FUSED });
    await a.session.handle({ type: 'step', n: 150 });
    const kept = items(a.events);
    const b = harness();
    await b.session.handle({ type: 'restore', settings: FUSED, imported: false, playback: 'paused', snapshots: kept.map((i) => ({ step: i.step, data: i.data })), resume: null });
    expect(b.progress()).toMatchObject({ playback: 'paused', step: 150 });
    await b.session.handle({ type: 'step', n: 250 });
    // Same backend: the retrained weights equal the kept ones, so step 150 is not sent again.
    expect(items(b.events).map((i) => i.step)).toEqual([200, 250, 300, 350, 400]);
    expect(Array.from(items(b.events).at(-1)!.data)).toEqual(Array.from(await straightRun(FUSED)));
  });

  it('restore refuses snapshots that are not a run of these settings, and keeps a finished or imported run finished', async () => {
    const a = harness();
    await a.session.handle({ type: 'configure', settings: FUSED });
    await a.session.handle({ type: 'step', n: 400 });
    const kept = items(a.events).map((i) => ({ step: i.step, data: i.data }));
    const b = harness();
    await b.session.handle({ type: 'restore', settings: FUSED, imported: false, playback: 'paused', snapshots: kept.slice(1), resume: null });
    expect(b.events.at(-1)).toEqual({ type: 'error', message: 'The run could not be restored: the first snapshot must be step 0.' });
    await b.session.handle({ type: 'restore', settings: { ...FUSED, m: 8 }, imported: false, playback: 'paused', snapshots: kept, resume: null });
    expect(b.events.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/does not have this model's/) });
    for (const imported of [false, true]) {
      const c = harness();
      await c.session.handle({ type: 'restore', settings: FUSED, imported, playback: 'finished', snapshots: kept, resume: null });
      expect(c.progress()).toMatchObject({ playback: 'finished', step: 400 });
      expect(c.events[0]).toMatchObject({ type: 'configured', restored: true, imported });
    }
  });

  it('tells the page it is alive at least once a second during long synchronous work (a long step, a restore), so the heartbeat never takes it for dead', async () => {
    // A clock that moves 100 ms each time it is read, not with the machine's speed: each piece of
    // work below reads it hundreds of times, so it lasts tens of "seconds", whatever the machine.
    let clock = 0;
    const now = () => (clock += 100);
    let pongs = 0;
    const longestSilence = async (work: (session: TrainingSession) => Promise<void>, session: TrainingSession, signs: number[]) => {
      signs.length = 0;
      pongs = 0;
      const start = now();
      await work(session);
      const times = [start, ...signs, now()];
      return { silence: Math.max(...times.slice(1).map((t, i) => t - times[i])), pongs };
    };
    const signs: number[] = [];
    const events: WorkerEvent[] = [];
    const host = (): SessionHost => ({
      post: (e) => {
        events.push(e);
        signs.push(now());
      },
      yieldNow: (fn) => setImmediate(fn),
      now,
      keepAlive: () => {
        pongs++;
        signs.push(now());
      },
    });
    const settings: Settings = { ...FUSED, steps: 200, snapshotEvery: 1 };
    const a = new TrainingSession(host());
    await a.handle({ type: 'configure', settings });
    const stepping = await longestSilence((s) => s.handle({ type: 'step', n: 200 }), a, signs);
    const kept = items(events);
    expect(kept).toHaveLength(201);
    const last = kept.at(-1)!;
    const b = new TrainingSession(host());
    const restore: Command = {
      type: 'restore',
      settings,
      imported: false,
      playback: 'paused',
      snapshots: kept.map((i) => ({ step: i.step, data: i.data })),
      resume: { step: last.step, ...last.resume! },
    };
    const restoring = await longestSilence((s) => s.handle(restore), b, signs);
    // One second between signs, plus the one read of the clock that found it passed; silent
    // throughout, either would last its whole run of "seconds".
    expect(stepping.silence).toBeLessThanOrEqual(1100);
    expect(restoring.silence).toBeLessThanOrEqual(1100);
    expect(stepping.pongs + restoring.pongs).toBeGreaterThan(0);
    expect(restoring.pongs).toBeGreaterThan(5);
  });
});
