/** A fresh run drops the same things however it starts (configure, Reset, a run file, the worker's answer), stale lab results included. */
import { describe, expect, it } from 'vitest';
import { generateTask } from '../engine/core/task';
import type { TicketResult } from '../engine/labs/lotteryExperiment';
import type { Command, WorkerEvent } from '../worker/protocol';
import { DEFAULTS } from '../settings/settings';
import { NO_COMPARISON } from './comparison';
import { NO_LOTTERY } from './lottery';
import { NO_SELECTION } from './selection';
import { createAppStore } from './store';

const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
const configured = (extra: Partial<Extract<WorkerEvent, { type: 'configured' }>> = {}): WorkerEvent => ({ type: 'configured', task, settings: DEFAULTS, backend, imported: false, ...extra });
const size = 16 * 24 + 16 + 12 * 16 + 12;
const snap = (step: number) => ({
  step,
  data: new Float32Array(size).fill(step),
  metrics: { loss: 1 / (step + 1), balancedAccuracy: 0.5, exactMatch: 0 },
  frame: { step, dTilde: new Float32Array(16 * 12), d: new Uint8Array(16 * 12), flags: new Uint8Array(16 * 12) },
  resume: { t: step, data: new Float32Array(2 * size) },
});
const ticket = { method: 'ticket', round: 1 } as unknown as TicketResult;

/** A finished run with a lottery ticket picked, a cached comparison, guesses, a scrubbed step and a fault notice. */
function finishedRun() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS);
  const s = () => store.getState();
  s().receive(configured());
  s().receive({ type: 'snapshots', items: [snap(0), snap(20), snap(40)] });
  s().receive({ type: 'finished', step: 40 });
  s().runLottery();
  s().receiveAll([
    { type: 'lotteryResults', tickets: [ticket], dense: [] },
    { type: 'lotteryDone', cancelled: false, message: null },
  ]);
  s().selectTicket(0);
  s().runComparison();
  s().receive({ type: 'comparisonDone', cancelled: false, message: null });
  s().toggleGuess(0);
  s().scrubTo(20);
  s().select({ row: 1, clause: 2 });
  s().receive({ type: 'backendChanged', backend, message: 'The WebGL context was lost.' });
  expect(s()).toMatchObject({ selectedTicket: 0, viewStep: 20, faultNotice: 'The WebGL context was lost.' });
  expect(s().lottery.tickets).toHaveLength(1);
  expect(Object.keys(s().comparisonCache)).toHaveLength(1);
  expect(s().resume).not.toBeNull();
  return { store, sent, s };
}

/** What every fresh run drops, whichever way it started. */
const FRESH = {
  snapshots: [],
  metrics: [],
  frames: [],
  analysis: null,
  analysisFinal: false,
  resume: null,
  step: 0,
  playback: 'idle',
  viewStep: null,
  lottery: NO_LOTTERY,
  selectedTicket: null,
  comparison: NO_COMPARISON,
  selectedComparison: null,
  comparisonCache: {},
  guesses: [],
  revealed: false,
  faultNotice: null,
};

describe('a fresh run', () => {
  it('from a new configuration drops the old run, its labs, guesses and notice, and the selection', () => {
    const { s } = finishedRun();
    s().setField('m', '20');
    expect(s()).toMatchObject({ ...FRESH, selection: NO_SELECTION, origin: 'trained', connection: 'connecting' });
  });

  it('from Reset drops the same, but keeps the selection: the same task is trained again', () => {
    const { s } = finishedRun();
    s().reset();
    expect(s()).toMatchObject({ ...FRESH, selection: { row: 1, clause: 2 }, origin: 'trained', connection: 'ready' });
  });

  it("from a run file drops the same, and the selection, and takes the file's settings", () => {
    const { s } = finishedRun();
    const settings = { ...DEFAULTS, steps: 500 };
    s().receive(configured({ settings, imported: true }));
    expect(s()).toMatchObject({ ...FRESH, selection: NO_SELECTION, origin: 'imported', connection: 'ready', applied: settings });
    expect(s().draft.steps).toBe('500');
  });

  it("drops the old run's lab results and 'finished' that arrive between the configure and the worker's answer", () => {
    const { s } = finishedRun();
    s().setField('m', '20');
    // Sent by the worker before it read the configure.
    s().receiveAll([
      { type: 'lotteryResults', tickets: [ticket], dense: [] },
      { type: 'comparisonDone', cancelled: false, message: null },
      { type: 'finished', step: 40 },
    ]);
    s().receive(configured({ settings: { ...DEFAULTS, m: 20 } }));
    expect(s()).toMatchObject({ ...FRESH, connection: 'ready' });
  });

  it('a restored run is not fresh: the worker rebuilt the run the page shows', () => {
    const { s } = finishedRun();
    const before = s();
    s().recoverWorker('test');
    s().receive(configured({ restored: true }));
    expect(s()).toMatchObject({ snapshots: before.snapshots, selectedTicket: 0, guesses: before.guesses, viewStep: 20, connection: 'ready' });
    expect(s().lottery.tickets).toHaveLength(1);
  });
});
