/** The page's link to the worker as one state (connecting, ready, restoring, failed), and where the run came from. */
import { describe, expect, it } from 'vitest';
import { generateTask } from '../engine/core/task';
import type { Command, WorkerEvent } from '../worker/protocol';
import { DEFAULTS } from '../settings/settings';
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
});

function setup() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS);
  return { store, sent, s: () => store.getState() };
}

describe('the connection to the worker', () => {
  it('is connecting until the worker answers the configure, then ready; a new configure connects again', () => {
    const { store, s } = setup();
    expect(s().connection).toBe('connecting');
    store.getState().receive(configured());
    expect(s()).toMatchObject({ connection: 'ready', origin: 'trained' });
    s().setField('m', '20');
    expect(s().connection).toBe('connecting');
  });

  it('fails when the worker answers a configure with an error, and connects again on the next configure', () => {
    const { s } = setup();
    s().receive({ type: 'error', message: 'No backend could start.' });
    expect(s()).toMatchObject({ connection: 'failed', error: 'No backend could start.' });
    s().play();
    s().reset();
    s().setField('m', '20');
    expect(s().connection).toBe('connecting');
    s().receive(configured({ settings: { ...DEFAULTS, m: 20 } }));
    expect(s()).toMatchObject({ connection: 'ready', error: null });
  });

  it('an error while ready leaves the run ready (the run so far is kept)', () => {
    const { s } = setup();
    s().receive(configured());
    s().receive({ type: 'error', message: 'A step failed.' });
    expect(s()).toMatchObject({ connection: 'ready', error: 'A step failed.' });
  });

  it('restores a trained run through `restoring`: the run is then `restored` and Continue is offered', () => {
    const { s, sent } = setup();
    s().receive(configured());
    s().receive({ type: 'snapshots', items: [snap(0), snap(20)] });
    s().recoverWorker('it stopped answering for 10 s');
    expect(s()).toMatchObject({ connection: 'restoring', origin: 'restored' });
    expect(sent.at(-1)).toMatchObject({ type: 'restore', imported: false });
    s().play();
    expect(sent.at(-1)).toMatchObject({ type: 'restore' });
    s().receive(configured({ restored: true }));
    expect(s()).toMatchObject({ connection: 'ready', origin: 'restored' });
    expect(s().snapshots.map((x) => x.step)).toEqual([0, 20]);
  });

  it('a restore the new worker refuses fails the connection', () => {
    const { s } = setup();
    s().receive(configured());
    s().receive({ type: 'snapshots', items: [snap(0), snap(20)] });
    s().recoverWorker('a training step failed');
    s().receive({ type: 'error', message: 'The run could not be restored: the first snapshot must be step 0.' });
    expect(s().connection).toBe('failed');
  });

  it('an imported run stays imported through a restore; a worker lost before the first snapshot configures again', () => {
    const { s, sent } = setup();
    s().receive(configured({ imported: true }));
    s().receive({ type: 'snapshots', items: [snap(0), snap(3000)] });
    s().recoverWorker('test');
    expect(s()).toMatchObject({ connection: 'restoring', origin: 'imported' });
    expect(sent.at(-1)).toMatchObject({ type: 'restore', imported: true, resume: null });

    const fresh = setup();
    fresh.s().recoverWorker('test');
    expect(fresh.s()).toMatchObject({ connection: 'connecting', origin: 'trained' });
    expect(fresh.sent).toEqual([{ type: 'configure', settings: DEFAULTS }]);
  });
});
