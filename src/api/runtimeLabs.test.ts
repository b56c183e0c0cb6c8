/** The embed API at run time: the labs (runLottery, runComparison) and exportRun. */
import type { WorkerEvent } from '../worker/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { configured, progress, setup, snapshots } from './runtimeFixtures';

afterEach(() => {
  vi.useRealTimers();
});

describe('the embed API at run time: labs and run files', () => {
  it('runLottery on an unfinished run trains it to the end, then runs one ticket (one-shot when imp is false)', () => {
    const t = setup();
    t.becomeReady();
    t.trainedTo(100);
    t.sent.length = 0;
    t.command({ type: 'runLottery', sparsity: 0.8, rewindStep: 50, imp: false });
    expect(t.sent).toEqual([{ type: 'step', n: DEFAULTS.steps - 100 }]);
    t.store.getState().receiveAll([progress(DEFAULTS.steps, 'paused'), snapshots([DEFAULTS.steps]), { type: 'finished', step: DEFAULTS.steps }]);
    expect(t.sent.slice(1)).toEqual([{ type: 'runLottery', settings: { mode: 'oneshot', scope: 'global', sparsities: [0.8], rewindStep: 50, seeds: [DEFAULTS.seedInit] } }]);
    expect(t.ofType('finished')).toEqual([{ lotteryLens: 1, type: 'finished', phase: 'dense' }]);
    expect(t.store.getState().lottery.status).toBe('running');
    // The lab's end is announced too.
    t.store.getState().receive({ type: 'lotteryDone', cancelled: false, message: null });
    expect(t.ofType('finished').map((e) => e.phase)).toEqual(['dense', 'lottery']);
    // On the finished run, a second one runs at once; imp defaults to iterative.
    t.sent.length = 0;
    t.command({ type: 'runLottery', sparsity: 0.5, rewindStep: 0 });
    expect(t.sent).toEqual([{ type: 'runLottery', settings: { mode: 'imp', scope: 'global', sparsities: [0.5], rewindStep: 0, seeds: [DEFAULTS.seedInit] } }]);
    // A lab the worker refuses is an error.
    t.store.getState().receive({ type: 'lotteryDone', cancelled: true, message: 'Rewind step 7 has no kept snapshot.' });
    expect(t.ofType('error').map((e) => e.message)).toEqual(['Rewind step 7 has no kept snapshot.']);
  });

  it('runLottery while the dense run plays waits for its end without sending a step', () => {
    const t = setup();
    t.becomeReady();
    t.store.getState().receive(progress(40, 'running'));
    t.sent.length = 0;
    t.command({ type: 'runLottery', sparsity: 0.9, rewindStep: 0 });
    expect(t.sent).toEqual([]);
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    expect(t.sent.map((c) => c.type)).toEqual(['runLottery']);
  });

  it('a lab run waiting for the dense run is dropped with an error when the run is reconfigured or reset first', () => {
    const dropped = 'A lab run waiting for the dense run was dropped: the run was reset or its settings changed first.';
    const t = setup();
    t.becomeReady();
    t.command({ type: 'runLottery', sparsity: 0.9, rewindStep: 0 });
    t.command({ type: 'setSettings', settings: { seedInit: 7 } });
    expect(t.ofType('error').map((e) => e.message)).toEqual([dropped]);
    t.becomeReady({ ...DEFAULTS, seedInit: 7 });
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    expect(t.commandsOf('runLottery')).toEqual([]);

    const r = setup();
    r.becomeReady();
    r.trainedTo(100);
    r.command({ type: 'runComparison', methods: ['distance'], sparsities: [0.5], seeds: [1] });
    r.command({ type: 'reset' });
    expect(r.ofType('error').map((e) => e.message)).toEqual([dropped]);
    r.store.getState().receive(snapshots([0]));
    r.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    expect(r.commandsOf('runComparison')).toEqual([]);
  });

  it('a lab run waiting for the dense run survives a worker restart: the restored run is trained on to the end', () => {
    const t = setup();
    t.becomeReady();
    t.trainedTo(100);
    t.command({ type: 'runLottery', sparsity: 0.9, rewindStep: 0 });
    t.sent.length = 0;
    // The step to the end failed in the worker; the page replaces it and restores the run.
    t.store.getState().recoverWorker('a training step failed');
    expect(t.sent.map((c) => c.type)).toEqual(['restore']);
    t.store.getState().receive({ ...configured(), restored: true } as WorkerEvent);
    expect(t.ofType('error')).toEqual([]);
    expect(t.commandsOf('step')).toEqual([{ type: 'step', n: DEFAULTS.steps }]);
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    expect(t.commandsOf('runLottery')).toHaveLength(1);
  });

  it('runComparison answers finished also when the same comparison is shown again from the cache', () => {
    const t = setup();
    t.becomeReady();
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    const request = { type: 'runComparison', methods: ['distance', 'random'], sparsities: [0.5, 0.8], seeds: [2] };
    t.command(request);
    expect(t.commandsOf('runComparison')).toHaveLength(1);
    expect(t.commandsOf('runComparison')[0]).toMatchObject({ settings: { methods: ['distance', 'random'], sparsities: [0.5, 0.8], seeds: [2] } });
    t.store.getState().receive({ type: 'comparisonDone', cancelled: false, message: null });
    expect(t.ofType('finished').map((e) => e.phase)).toEqual(['dense', 'comparison']);
    // Asked again: nothing to compute, but the article still hears that it is done.
    t.command(request);
    expect(t.commandsOf('runComparison')).toHaveLength(1);
    expect(t.ofType('finished').map((e) => e.phase)).toEqual(['dense', 'comparison', 'comparison']);
  });

  it("exportRun: the worker's run file comes back as a run event; a file nobody asked for is not taken", () => {
    const t = setup();
    t.becomeReady();
    expect(t.runtime.takeRunFile('{"format":"x"}')).toBe(false);
    expect(t.ofType('run')).toEqual([]);
    t.sent.length = 0;
    t.command({ type: 'exportRun' });
    expect(t.sent).toEqual([{ type: 'exportRun' }]);
    const file = { format: 'lottery-lens-run', version: 1, steps: [0, 50] };
    expect(t.runtime.takeRunFile(JSON.stringify(file))).toBe(true);
    expect(t.ofType('run')).toEqual([{ lotteryLens: 1, type: 'run', data: file }]);
    // One request, one file: the next goes to the page (a download).
    expect(t.runtime.takeRunFile(JSON.stringify(file))).toBe(false);
    expect(t.ofType('run')).toHaveLength(1);
    t.command({ type: 'exportRun' });
    expect(t.runtime.takeRunFile('{not json')).toBe(true);
    expect(t.ofType('error').map((e) => e.message)).toEqual(['exportRun: the run file could not be read back.']);
  });

  it('runSeeds pools the run seed and the next ones, and answers finished {phase: seeds} when the claims are in', () => {
    const t = setup();
    t.becomeReady();
    t.trainedTo(DEFAULTS.steps);
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    t.sent.length = 0;
    t.command({ type: 'runSeeds', seeds: 3 });
    expect(t.sent).toEqual([{ type: 'runSeeds', seeds: [DEFAULTS.seedInit, DEFAULTS.seedInit + 1, DEFAULTS.seedInit + 2] }]);
    expect(t.store.getState().seeds.status).toBe('running');
    t.store.getState().receive({ type: 'seedsDone', cancelled: false, message: null });
    expect(t.ofType('finished').map((e) => e.phase)).toEqual(['dense', 'seeds']);
    // Out of range: refused by the parser, nothing sent.
    t.sent.length = 0;
    t.command({ type: 'runSeeds', seeds: 21 });
    expect(t.sent).toEqual([]);
    expect(t.ofType('error').at(-1)!.message).toBe('runSeeds: seeds must be a whole number from 2 to 20.');
  });
});
