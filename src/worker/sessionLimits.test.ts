import { describe, expect, it } from 'vitest';
import { MAX_LAB_SEEDS, MAX_LAB_SPARSITIES } from '../settings/limits';
import { DEFAULTS, type Settings } from '../settings/settings';
import type { ComparisonSettings } from '../engine/labs/probeComparison';
import type { LotterySettings } from '../engine/labs/lotteryExperiment';
import type { WorkerEvent } from './protocol';
import { TrainingSession } from './session';

function harness() {
  const events: WorkerEvent[] = [];
  const session = new TrainingSession({ post: (e) => events.push(e), yieldNow: (fn) => setImmediate(fn), now: () => performance.now() });
  return { events, session };
}

const SMALL: Settings = { ...DEFAULTS, n: 8, K: 2, k: 2, m: 4, steps: 100, snapshotEvery: 10, backend: 'fused-js' };
const LOTTERY: LotterySettings = { mode: 'oneshot', scope: 'global', sparsities: [0.5], rewindStep: 0, seeds: [2] };
const COMPARISON: ComparisonSettings = { methods: ['random'], sparsities: [0.5], seeds: [2], lambda: 0.5, motionSteps: 10 };

/** A finished small run, ready for the labs. */
async function finished() {
  const h = harness();
  await h.session.handle({ type: 'configure', settings: SMALL });
  await h.session.handle({ type: 'step', n: SMALL.steps });
  return h;
}

describe('the worker holds the hard limits even when the page is bypassed', () => {
  it('refuses a configuration over the run work limit before any work starts', async () => {
    const { events, session } = harness();
    await session.handle({ type: 'configure', settings: { ...DEFAULTS, n: 128, m: 128, K: 64, batch: 4096, steps: 50000 } });
    expect(events).toEqual([{ type: 'error', message: 'Refused a configuration that does not pass validation.' }]);
  });

  it.each([
    ['too many seeds', { seeds: Array.from({ length: MAX_LAB_SEEDS + 1 }, (_, i) => i + 2) }, `Choose at most ${MAX_LAB_SEEDS} seeds.`],
    ['too many sparsities', { sparsities: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].slice(0, MAX_LAB_SPARSITIES + 1) }, `Choose at most ${MAX_LAB_SPARSITIES} distinct sparsities.`],
    ['a repeated sparsity', { sparsities: [0.5, 0.5] }, `Choose at most ${MAX_LAB_SPARSITIES} distinct sparsities.`],
    ['a sparsity that is not a number', { sparsities: ['0.5' as unknown as number] }, 'Sparsities must be between 0 and 1.'],
    ['an unknown pruning mode', { mode: 'greedy' as LotterySettings['mode'] }, 'Pruning must be iterative (imp) or one-shot.'],
    ['an unknown scope', { scope: 'rowwise' as LotterySettings['scope'] }, 'Magnitude must be global or layer-wise.'],
  ])('refuses a lottery request with %s, and trains nothing', async (_, change, message) => {
    const { events, session } = await finished();
    events.length = 0;
    await session.handle({ type: 'runLottery', settings: { ...LOTTERY, ...change } });
    expect(events).toEqual([{ type: 'lotteryDone', cancelled: true, message }]);
  });

  it('refuses a lottery whose networks at once would not fit in memory, before training any', async () => {
    const { events, session } = harness();
    const big: Settings = { ...DEFAULTS, n: 128, m: 128, K: 64, batch: 4096, steps: 2, snapshotEvery: 1, backend: 'fused-wasm' };
    await session.handle({ type: 'configure', settings: big });
    await session.handle({ type: 'step', n: 2 });
    events.length = 0;
    await session.handle({ type: 'runLottery', settings: { ...LOTTERY, sparsities: [0.5, 0.7, 0.8, 0.9, 0.95], seeds: [2, 3, 4, 5, 6] } });
    expect(events).toEqual([{ type: 'lotteryDone', cancelled: true, message: expect.stringMatching(/^This would train 75 networks at once/) }]);
  });

  it.each([
    ['an unknown method', { methods: ['random', 'oracle'] as ComparisonSettings['methods'] }, /^Methods must be distinct, from distance, motion/],
    ['a repeated method', { methods: ['random', 'random'] as ComparisonSettings['methods'] }, /^Methods must be distinct/],
    ['too many seeds', { seeds: [2, 3, 4, 5, 6, 7] }, /^Choose at most 5 seeds\.$/],
  ])('refuses a comparison request with %s, and trains nothing', async (_, change, message) => {
    const { events, session } = await finished();
    events.length = 0;
    await session.handle({ type: 'runComparison', settings: { ...COMPARISON, ...change } });
    expect(events).toEqual([{ type: 'comparisonDone', cancelled: true, message: expect.stringMatching(message) }]);
  });
});
