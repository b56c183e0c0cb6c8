/** The embed API's commands and events by example: each command read, each problem named, prototypes safe, events enveloped. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import { METHOD_IDS } from '../engine/probes/methodIds';
import { apiEvent, parseCommand } from './messages';

const msg = (type: string, fields: Record<string, unknown> = {}) => ({ lotteryLens: 1, type, ...fields });
const error = (data: unknown) => {
  const r = parseCommand(data);
  return r === null ? null : r.ok ? 'ok' : r.error;
};

describe('the commands', () => {
  it('reads each command', () => {
    expect(parseCommand(msg('play'))).toEqual({ ok: true, command: { type: 'play' } });
    expect(parseCommand(msg('step', { n: 20 }))).toEqual({ ok: true, command: { type: 'step', n: 20 } });
    expect(parseCommand(msg('seek', { step: 0 }))).toEqual({ ok: true, command: { type: 'seek', step: 0 } });
    expect(parseCommand(msg('setSettings', { settings: { m: 8, optimizer: 'sgd', lr: '0.01' } }))).toEqual({
      ok: true,
      command: { type: 'setSettings', settings: { m: 8, optimizer: 'sgd', lr: 0.01 } },
    });
    expect(parseCommand(msg('select', { row: 3 }))).toEqual({ ok: true, command: { type: 'select', row: 3 } });
    expect(parseCommand(msg('select', { row: null, clause: 2 }))).toEqual({ ok: true, command: { type: 'select', row: null, clause: 2 } });
    expect(parseCommand(msg('runLottery', { sparsity: 0.8, rewindStep: 0 }))).toEqual({ ok: true, command: { type: 'runLottery', sparsity: 0.8, rewindStep: 0, imp: true } });
    expect(parseCommand(msg('runComparison', { methods: ['distance', 'imp'], sparsities: [0.5, 0.9], seeds: [2, 3] }))).toEqual({
      ok: true,
      command: { type: 'runComparison', methods: ['distance', 'imp'], sparsities: [0.5, 0.9], seeds: [2, 3] },
    });
    expect(parseCommand(msg('show', { panel: 'lottery' }))).toEqual({ ok: true, command: { type: 'show', panel: 'lottery' } });
    expect(parseCommand(msg('speed', { stepsPerSecond: 200 }))).toEqual({ ok: true, command: { type: 'speed', stepsPerSecond: 200 } });
    expect(parseCommand(msg('speed', { stepsPerSecond: 2.5 }))).toEqual({ ok: true, command: { type: 'speed', stepsPerSecond: 2.5 } });
    expect(parseCommand(msg('speed', { stepsPerSecond: null }))).toEqual({ ok: true, command: { type: 'speed', stepsPerSecond: null } });
  });

  it('refuses a speed outside 1 to 100,000 steps/s, or not a number or null, saying what it must be', () => {
    const rule = 'speed: stepsPerSecond must be null (as fast as it goes) or a number from 1 to 100000.';
    for (const bad of [0, -5, 0.5, 100_001, Number.NaN, Number.POSITIVE_INFINITY, '200', 'max', true, [200], {}]) expect(error(msg('speed', { stepsPerSecond: bad })), String(bad)).toBe(rule);
    expect(error(msg('speed'))).toBe('speed: stepsPerSecond is missing.');
    expect(error(msg('speed', { stepsPerSecond: 200, n: 1 }))).toBe('speed: unexpected field “n”.');
  });

  it('names the first problem of each kind', () => {
    expect(error(msg('step', { n: 0 }))).toBe('step: n must be a whole number from 1 to 50000.');
    expect(error(msg('step', { n: 2.5 }))).toBe('step: n must be a whole number from 1 to 50000.');
    expect(error(msg('step', { n: '20' }))).toBe('step: n must be a whole number from 1 to 50000.');
    expect(error(msg('step'))).toBe('step: n is missing.');
    expect(error(msg('play', { n: 1 }))).toBe('play: unexpected field “n”.');
    expect(error({ lotteryLens: 2, type: 'play' })).toBe('lotteryLens: version 2 is not supported; this page speaks version 1.');
    expect(error({ lotteryLens: 1 })).toMatch(/^type: missing; expected one of play, pause, step, seek, reset,/);
    expect(error(msg('fly'))).toMatch(/^type: “fly” is not a command; expected one of play,/);
    expect(error(msg('toString'))).toMatch(/^type: “toString” is not a command/);
    expect(error(msg('setSettings', { settings: {} }))).toBe('setSettings: settings must name at least one setting.');
    expect(error(msg('setSettings', { settings: { m: 0 } }))).toBe('setSettings: settings.m: Must be between 1 and 128.');
    expect(error(msg('setSettings', { settings: { foo: 1 } }))).toBe('setSettings: settings.foo is not a setting of this app.');
    expect(error(msg('setSettings', { settings: { m: [8] } }))).toBe('setSettings: settings.m must be a number or a string.');
    expect(error(msg('select', {}))).toBe('select: give row, clause or both.');
    expect(error(msg('select', { row: -1 }))).toBe('select: row must be null (none) or a whole number from 0 to 127.');
    expect(error(msg('runLottery', { sparsity: 1, rewindStep: 0 }))).toBe('runLottery: sparsity must be a fraction between 0 and 1 (exclusive).');
    expect(error(msg('runLottery', { sparsity: 0.5, rewindStep: 0, imp: 'yes' }))).toBe('runLottery: imp must be true (iterative pruning) or false (one-shot).');
    const cmp = { methods: ['snip'], sparsities: [0.8], seeds: [1] };
    expect(error(msg('runComparison', { ...cmp, methods: ['snip', 'snip'] }))).toBe('runComparison: methods must not repeat "snip".');
    expect(error(msg('runComparison', { ...cmp, methods: ['SNIP'] }))).toMatch(/^runComparison: methods\[0\] must be one of distance, motion,/);
    expect(error(msg('runComparison', { ...cmp, methods: [] }))).toBe('runComparison: methods must have from 1 to 9 entries.');
    expect(error(msg('runComparison', { ...cmp, sparsities: Array.from({ length: 9 }, (_, i) => (i + 1) / 10) }))).toBe('runComparison: sparsities must have from 1 to 5 entries.');
    expect(error(msg('runComparison', { ...cmp, seeds: [1, 2, 3, 4, 5, 6] }))).toBe('runComparison: seeds must have from 1 to 5 entries.');
    expect(error(msg('runComparison', { ...cmp, seeds: [2 ** 31] }))).toBe('runComparison: seeds[0] must be a whole number from 0 to 2147483647.');
    expect(error(msg('show', { panel: 'nope' }))).toBe('show: panel must be one of task, features, analysis, lottery, comparison, weights, metrics.');
  });

  it('ignores other scripts’ messages and refuses ours in any form but a plain object', () => {
    for (const other of [null, undefined, 'lotteryLens', 1, true, [], [1], { type: 'play' }, { source: 'react-devtools' }, new Map([['lotteryLens', 1]])]) {
      expect(parseCommand(other)).toBeNull();
    }
    expect(error(Object.assign([], { lotteryLens: 1, type: 'play' }))).toBe('message must be a plain object.');
    class Play {
      lotteryLens = 1;
      type = 'play';
    }
    expect(error(new Play())).toMatch(/^message must be a plain object \(not a class instance/);
    expect(error(Object.create({ lotteryLens: 1, type: 'play' }))).toMatch(/^message must be a plain object/);
    let ran = false;
    const getter = {
      lotteryLens: 1,
      get type() {
        ran = true;
        return 'play';
      },
    };
    expect(error(getter)).toBe('message: “type” must be a plain value (not a getter or hidden).');
    expect(ran).toBe(false);
    expect(error({ ...msg('play'), [Symbol('x')]: 1 })).toBe('message must have only text keys.');
    expect(error(Object.assign(Object.create(null), msg('play')))).toBe('ok');
    const methods = ['snip'];
    Object.defineProperty(methods, 0, { get: () => 'snip', enumerable: true });
    expect(error(msg('runComparison', { methods, sparsities: [0.5], seeds: [1] }))).toBe('runComparison: methods must be a plain array (no holes or getters).');
    const sparse = [0.5];
    sparse.length = 3;
    expect(error(msg('runComparison', { methods: ['snip'], sparsities: sparse, seeds: [1] }))).toBe('runComparison: sparsities must be a plain array (no holes or extra properties).');
    const huge: number[] = [];
    huge.length = 2 ** 32 - 1;
    expect(error(msg('runComparison', { methods: ['snip'], sparsities: [0.5], seeds: huge }))).toBe('runComparison: seeds must have from 1 to 5 entries.');
  });

  it('cannot be made to throw or to pollute prototypes', () => {
    const polluted = JSON.parse('{"lotteryLens":1,"type":"setSettings","settings":{"__proto__":{"polluted":1},"m":8}}');
    expect(error(polluted)).toBe('setSettings: settings.__proto__ is not a setting of this app.');
    expect(error(JSON.parse('{"lotteryLens":1,"type":"play","__proto__":{"type":"step"}}'))).toBe('play: unexpected field “__proto__”.');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(parseCommand(proxy)).toBeNull();
    const liar = new Proxy(msg('play'), {
      ownKeys: () => {
        throw new Error('no');
      },
    });
    expect(parseCommand(liar)).toEqual({ ok: false, error: 'message: could not be read.' });
    const hostile = {
      lotteryLens: 1,
      type: {
        toString: () => {
          throw new Error('no');
        },
      },
    };
    expect(error(hostile)).toMatch(/^type: an? object is not a command/);
  });
});

describe('events and settings changes', () => {
  it('puts every event in the envelope', () => {
    expect(apiEvent('ready')).toEqual({ lotteryLens: 1, type: 'ready' });
    expect(apiEvent('finished', { phase: 'lottery' })).toEqual({ lotteryLens: 1, type: 'finished', phase: 'lottery' });
    expect(apiEvent('progress', { phase: 'dense', step: 20, loss: 0.5, balancedAccuracy: 0.7 })).toEqual({
      lotteryLens: 1,
      type: 'progress',
      phase: 'dense',
      step: 20,
      loss: 0.5,
      balancedAccuracy: 0.7,
    });
    const state = apiEvent('state', {
      phase: 'idle',
      step: 0,
      backend: 'fused-js',
      settings: DEFAULTS,
      metrics: null,
      methods: METHOD_IDS,
      playback: 'idle',
      viewStep: null,
      panel: null,
      selection: { row: null, clause: null },
      speed: null,
    });
    expect(structuredClone(state)).toEqual(state);
  });
});
