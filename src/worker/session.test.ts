/** The session's basic commands: configure, step, play, pause, reset, a refused configuration, the lottery lab. */
import { describe, expect, it } from 'vitest';
import { generateTask } from '../engine/core/task';
import { DEFAULTS } from '../settings/settings';
import type { WorkerEvent } from './protocol';
import { harness, NODE_CALIBRATION, SMALL } from './sessionFixtures';

describe('the training session (worker side)', () => {
  it('configures auto on what the kept calibration of this device measured fastest, and says so', async () => {
    const { events, session } = harness();
    await session.handle({ type: 'configure', settings: SMALL });
    const configured = events.find((e) => e.type === 'configured');
    expect(events.filter((e) => e.type === 'calibrated')).toEqual([{ type: 'calibrated', calibration: { result: NODE_CALIBRATION, source: 'cached' } }]);
    expect(configured).toMatchObject({ backend: { requested: 'auto', active: 'fused-wasm', labs: 'fused-wasm', renderer: null } });
    expect((configured as Extract<WorkerEvent, { type: 'configured' }>).backend.reason).toMatch(/^auto: measured fastest on this device/);
    expect(events.find((e) => e.type === 'snapshots')).toMatchObject({ items: [{ step: 0 }] });
  });

  it('measures once without a kept calibration (webgl skipped: Node has none), and again on remeasure', async () => {
    const { events, session } = harness(undefined, true);
    await session.handle({ type: 'configure', settings: SMALL });
    await session.handle({ type: 'configure', settings: { ...SMALL, seedInit: 2 } });
    const calibrated = () => events.flatMap((e) => (e.type === 'calibrated' ? [e.calibration] : []));
    expect(calibrated().map((c) => c.source)).toEqual(['measured']);
    const { result } = calibrated()[0];
    expect(result.single.find((f) => f.candidate === 'webgl')).toEqual({ candidate: 'webgl', outcome: 'skipped', rate: null, note: 'skipped: no WebGL in this worker' });
    const active = events.filter((e) => e.type === 'configured').map((e) => (e as Extract<WorkerEvent, { type: 'configured' }>).backend.active);
    expect(active).toEqual([result.choice.single, result.choice.single]);
    await session.handle({ type: 'remeasure' });
    expect(calibrated().map((c) => c.source)).toEqual(['measured', 'measured']);
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
    const last = (h: ReturnType<typeof harness>) => h.events.flatMap((e) => (e.type === 'snapshots' ? e.items : [])).filter((i) => i.step === 400)[0];
    expect(Array.from(last(a).data)).toEqual(Array.from(last(b).data));
    expect(last(a).metrics).toEqual(last(b).metrics);
  });

  it('refuses an invalid configuration with an error and trains nothing', async () => {
    const { events, session } = harness();
    await session.handle({ type: 'configure', settings: { ...DEFAULTS, m: -1 } });
    expect(events).toEqual([{ type: 'error', message: 'Refused a configuration that does not pass validation.' }]);
  });

  it('builds the task from edited clauses, keeps them through Reset, and refuses clauses that do not fit', async () => {
    const { events, session } = harness();
    const clauses = generateTask({ n: SMALL.n, K: SMALL.K, k: SMALL.k, p: SMALL.p, q: SMALL.q }, SMALL.seedTask).clauses;
    clauses[0] = { inputs: [0, 1, 2], template: [1, -1, 1] };
    await session.handle({ type: 'configure', settings: SMALL, clauses });
    expect(events.find((e) => e.type === 'configured')).toMatchObject({ task: { clauses } });
    await session.handle({ type: 'step', n: 10 });
    await session.handle({ type: 'reset' });
    await session.handle({ type: 'exportRun' });
    const file = events.find((e) => e.type === 'runFile') as Extract<WorkerEvent, { type: 'runFile' }>;
    expect(JSON.parse(file.text).clauses).toEqual(clauses);
    const refused = harness();
    await refused.session.handle({ type: 'configure', settings: SMALL, clauses: clauses.slice(1) });
    expect(refused.events).toEqual([{ type: 'error', message: `Refused clauses that do not fit the task: needs exactly K = ${SMALL.K} clauses.` }]);
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
