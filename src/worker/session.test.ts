import { describe, expect, it } from 'vitest';
import { DEFAULTS, type Settings } from '../settings/settings';
import type { GpuFaults } from './backends';
import { packedLength } from '../engine/core/params';
import type { Command, WorkerEvent } from './protocol';
import { TrainingSession, type SessionHost } from './session';

function harness(faults?: GpuFaults) {
  const events: WorkerEvent[] = [];
  const session = new TrainingSession(
    {
      post: (e) => events.push(e),
      yieldNow: (fn) => setImmediate(fn),
      now: () => performance.now(),
    },
    faults,
  );
  const progress = () => events.filter((e) => e.type === 'progress').at(-1) as Extract<WorkerEvent, { type: 'progress' }>;
  const snapshotSteps = () => events.flatMap((e) => (e.type === 'snapshots' ? e.items.map((i) => i.step) : []));
  const until = async (pred: () => boolean, ms = 20000) => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { events, session, progress, snapshotSteps, until };
}

const SMALL: Settings = { ...DEFAULTS, steps: 400, snapshotEvery: 50 };

describe('the training session (worker side)', () => {
  it('configures on the CPU where there is no WebGL, and says why', async () => {
    const { events, session } = harness();
    await session.handle({ type: 'configure', settings: SMALL });
    const configured = events.find((e) => e.type === 'configured');
    // Node has no WebGL but validates WebAssembly SIMD: the fused SIMD step is the fastest path.
    expect(configured).toMatchObject({ backend: { requested: 'auto', active: 'fused-wasm', renderer: null } });
    expect((configured as Extract<WorkerEvent, { type: 'configured' }>).backend.reason).toMatch(/unavailable/);
    expect(events.find((e) => e.type === 'snapshots')).toMatchObject({ items: [{ step: 0 }] });
  });

  it('steps exactly n, snapshotting on the stride and where it halts', async () => {
    const { session, progress, snapshotSteps } = harness();
    await session.handle({ type: 'configure', settings: SMALL });
    await session.handle({ type: 'step', n: 1 });
    expect(progress()).toMatchObject({ step: 1, playback: 'paused' });
    await session.handle({ type: 'step', n: 100 });
    expect(progress()).toMatchObject({ step: 101, playback: 'paused' });
    expect(snapshotSteps()).toEqual([0, 1, 50, 100, 101]);
  });

  it('plays to the last step and finishes; pause holds the step; reset returns to 0', async () => {
    const { events, session, progress, until } = harness();
    await session.handle({ type: 'configure', settings: SMALL });
    await session.handle({ type: 'speed', stepsPerSecond: 2000 });
    await session.handle({ type: 'play' });
    await until(() => progress().step >= 60);
    await session.handle({ type: 'pause' });
    const held = progress().step;
    expect(progress().playback).toBe('paused');
    await new Promise((r) => setTimeout(r, 100));
    expect(progress().step).toBe(held);
    await session.handle({ type: 'speed', stepsPerSecond: null });
    await session.handle({ type: 'play' });
    await until(() => events.some((e) => e.type === 'finished'));
    expect(progress()).toMatchObject({ step: 400, playback: 'finished' });
    await session.handle({ type: 'reset' });
    expect(progress()).toMatchObject({ step: 0, playback: 'idle' });
  });

  it('gives the same weights whether a run is played or stepped', async () => {
    const a = harness();
    const b = harness();
    await a.session.handle({ type: 'configure', settings: SMALL });
    await b.session.handle({ type: 'configure', settings: SMALL });
    await a.session.handle({ type: 'step', n: 400 });
    await b.session.handle({ type: 'speed', stepsPerSecond: null });
    await b.session.handle({ type: 'play' });
    await b.until(() => b.events.some((e) => e.type === 'finished'));
    const last = (h: ReturnType<typeof harness>) =>
      h.events.flatMap((e) => (e.type === 'snapshots' ? e.items : [])).filter((i) => i.step === 400)[0];
    expect(Array.from(last(a).data)).toEqual(Array.from(last(b).data));
    expect(last(a).metrics).toEqual(last(b).metrics);
  });

  it('refuses an invalid configuration with an error and trains nothing', async () => {
    const { events, session } = harness();
    await session.handle({ type: 'configure', settings: { ...DEFAULTS, m: -1 } });
    expect(events).toEqual([{ type: 'error', message: 'Refused a configuration that does not pass validation.' }]);
  });

  it('runs the lottery lab only on a finished run, streams tickets and ends with lotteryDone', async () => {
    const { events, session, until } = harness();
    await session.handle({ type: 'configure', settings: { ...SMALL, steps: 200 } });
    const lab = { mode: 'oneshot' as const, scope: 'global' as const, sparsities: [0.8], rewindStep: 0, seeds: [2] };
    await session.handle({ type: 'runLottery', settings: lab });
    expect(events.at(-1)).toMatchObject({ type: 'lotteryDone', cancelled: true, message: expect.stringMatching(/Train the dense run to the end first/) });
    await session.handle({ type: 'step', n: 200 });
    await session.handle({ type: 'runLottery', settings: { ...lab, rewindStep: 30 } });
    expect(events.at(-1)).toMatchObject({ type: 'lotteryDone', message: expect.stringMatching(/Rewind step 30 has no kept snapshot/) });
    await session.handle({ type: 'runLottery', settings: lab });
    await until(() => events.some((e) => e.type === 'lotteryDone' && !e.cancelled));
    const tickets = events.flatMap((e) => (e.type === 'lotteryResults' ? e.tickets : []));
    expect(tickets.map((t) => t.method).sort()).toEqual(['random-mask', 'reinit', 'ticket']);
    expect(tickets.every((t) => t.kept === Math.round(0.2 * (16 * 24 + 12 * 16)))).toBe(true);
  });
});

/** A stand-in for the GL context: lost on demand; the fallback starts `fallbackTo` and clears it. */
interface FakeGpu {
  lost: boolean;
  fallbacks: number;
  onLost: null | (() => void);
  faults: GpuFaults;
}

function fakeGpu(fallbackTo = 'fused-js'): FakeGpu {
  const gpu: FakeGpu = {
    lost: false,
    fallbacks: 0,
    onLost: null as null | (() => void),
    faults: {
      contextLost: () => gpu.lost,
      loseContext: () => {
        gpu.lost = true;
      },
      watch: (_active: string, onLost: () => void) => {
        gpu.onLost = onLost;
      },
      fallback: async () => {
        gpu.fallbacks++;
        gpu.lost = false;
        return fallbackTo;
      },
    },
  };
  return gpu;
}

type Snapshots = Extract<WorkerEvent, { type: 'snapshots' }>;
const FUSED: Settings = { ...SMALL, backend: 'fused-js' };

/** Every snapshot item streamed so far, in order. */
function items(events: WorkerEvent[]) {
  return events.flatMap((e) => (e.type === 'snapshots' ? e.items : []));
}

/** The final weights of an uninterrupted fused-js run of `settings`. */
async function straightRun(settings: Settings): Promise<Float32Array> {
  const h = harness();
  await h.session.handle({ type: 'configure', settings });
  await h.session.handle({ type: 'step', n: settings.steps });
  return items(h.events).at(-1)!.data;
}

describe('resume state, faults and restore', () => {
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

  it('restore in a fresh session continues to exactly the weights of an uninterrupted run', async () => {
    const a = harness();
    await a.session.handle({ type: 'configure', settings: FUSED });
    await a.session.handle({ type: 'step', n: 130 });
    const kept = items(a.events);
    const last = kept.at(-1)!;
    const b = harness();
    await b.session.handle({
      type: 'restore', settings: FUSED, imported: false, playback: 'running',
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
    const restore: Command = { type: 'restore', settings, imported: false, playback: 'paused', snapshots: kept.map((i) => ({ step: i.step, data: i.data })), resume: { step: last.step, ...last.resume! } };
    const restoring = await longestSilence((s) => s.handle(restore), b, signs);
    // One second between signs, plus the one read of the clock that found it passed; silent
    // throughout, either would last its whole run of "seconds".
    expect(stepping.silence).toBeLessThanOrEqual(1100);
    expect(restoring.silence).toBeLessThanOrEqual(1100);
    expect(stepping.pongs + restoring.pongs).toBeGreaterThan(0);
    expect(restoring.pongs).toBeGreaterThan(5);
  });
});
