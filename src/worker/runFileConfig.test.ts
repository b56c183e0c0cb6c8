/**
 * The run file's config records what the labs ran with (SPEC 7): the comparison's λ and motion
 * window, the lottery's pruning mode, scope, rewind step and the ε the page judged it by, and
 * never a default that did not run. Driven through the worker's session, as the page drives it.
 */
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import type { RunFileV1 } from '../engine/runFile/format';
import { parseRunFile } from '../engine/runFile/parse';
import schema from '../engine/runFile/run.schema.json';
import { LAB_SCHEMA } from '../settings/labSchema';
import { DEFAULTS, type Settings } from '../settings/settings';
import type { Command, WorkerEvent } from './protocol';
import { importRunText } from './runFileIO';
import { TrainingSession } from './session';
import { NODE_CALIBRATION } from './sessionFixtures';

const SMALL: Settings = { ...DEFAULTS, n: 8, K: 2, k: 2, m: 4, steps: 100, snapshotEvery: 10, backend: 'fused-js' };
const validate = new Ajv2020({ strict: false }).compile(schema);

/** A session with a finished small run; `send` handles a command and waits for `until` when given. */
async function finishedRun() {
  const events: WorkerEvent[] = [];
  const session = new TrainingSession({ post: (e) => events.push(e), yieldNow: (fn) => setImmediate(fn), now: () => performance.now() });
  const send = async (cmd: Command, until?: (e: WorkerEvent) => boolean) => {
    const from = events.length;
    await session.handle(cmd);
    const t0 = Date.now();
    while (until && !events.slice(from).some(until)) {
      if (Date.now() - t0 > 20000) throw new Error(`timed out after ${cmd.type}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return events.slice(from);
  };
  await send({ type: 'calibrations', records: [NODE_CALIBRATION] });
  await send({ type: 'configure', settings: SMALL });
  await send({ type: 'step', n: SMALL.steps });
  /** Exports the run and returns the file's JSON (valid against the schema and readable back). */
  const exported = async (eps?: number): Promise<RunFileV1> => {
    const got = await send(eps === undefined ? { type: 'exportRun' } : { type: 'exportRun', eps });
    const text = got.flatMap((e) => (e.type === 'runFile' ? [e.text] : []))[0];
    const file = JSON.parse(text);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(parseRunFile(text).ok).toBe(true);
    expect(importRunText(text, 'fused-js').ok).toBe(true);
    return file;
  };
  return { send, exported };
}

describe('the run file config', () => {
  it('records a comparison’s λ and motion window, not the defaults, and no lottery it did not run', async () => {
    const { send, exported } = await finishedRun();
    expect(LAB_SCHEMA.lambda.default).not.toBe(2);
    expect(LAB_SCHEMA.motionSteps.default).not.toBe(7);
    const settings = { methods: ['random' as const], sparsities: [0.5], seeds: [SMALL.seedInit], lambda: 2, motionSteps: 7 };
    const done = await send({ type: 'runComparison', settings }, (e) => e.type === 'comparisonDone');
    expect(done.find((e) => e.type === 'comparisonDone')).toMatchObject({ cancelled: false });
    const { config } = await exported(0.02);
    expect(config.lambda).toBe(2);
    expect(config.motionSteps).toBe(7);
    expect(config.lottery).toBeUndefined();
  });

  it('records the lottery’s mode, scope, rewind step and the page’s ε, and no λ or s when no comparison ran', async () => {
    const { send, exported } = await finishedRun();
    const settings = { mode: 'oneshot' as const, scope: 'layerwise' as const, sparsities: [0.5], rewindStep: 10, seeds: [SMALL.seedInit] };
    await send({ type: 'runLottery', settings }, (e) => e.type === 'lotteryDone');
    const file = await exported(0.02);
    expect(file.config.lottery).toEqual({ mode: 'oneshot', scope: 'layerwise', rewindStep: 10, eps: 0.02 });
    expect(file.config.lambda).toBeNull();
    expect(file.config.motionSteps).toBeNull();
    expect((file.tickets as { rewindStep: number }[]).every((t) => t.rewindStep === 10)).toBe(true);
    // An ε the page did not send, or one outside the schema's range, is not made up.
    expect((await exported()).config.lottery).toEqual({ mode: 'oneshot', scope: 'layerwise', rewindStep: 10 });
    expect((await exported(3)).config.lottery).toEqual({ mode: 'oneshot', scope: 'layerwise', rewindStep: 10 });
  });

  it('records no lab setting when no lab ran', async () => {
    const { exported } = await finishedRun();
    const { config } = await exported(0.01);
    expect([config.lambda, config.motionSteps, config.lottery]).toEqual([null, null, undefined]);
  });
});

describe('run files written before the labs were recorded', () => {
  it('still read, with the λ and s every file then carried, and no lottery config', async () => {
    const { exported } = await finishedRun();
    const file = await exported();
    const old = JSON.stringify({ ...file, config: { ...file.config, lambda: 0.5, motionSteps: 50 } });
    expect(parseRunFile(old).ok).toBe(true);
    expect(importRunText(old, 'fused-js').ok).toBe(true);
    expect(parseRunFile(JSON.stringify({ ...file, config: { ...file.config, lottery: { mode: 'greedy', scope: 'global', rewindStep: 0 } } }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^config\.lottery\.mode: /),
    });
  });
});
