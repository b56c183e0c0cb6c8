/**
 * Request ids at run time: a command with an id is acknowledged with `accepted {id, command}`
 * once it has run, or answered with `error {id}` when it is refused (by the parser or by the
 * page); its answers (`state`, `run`) carry the id; a command without an id is answered as before.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../settings/settings';
import type { ApiEvent } from './messages';
import { ORIGIN, setup } from './runtimeFixtures';

const brief = (e: ApiEvent) => ('id' in e ? `${e.type}#${String(e.id)}` : e.type);

describe('request ids at run time', () => {
  it('acknowledges a command with an id once it has run, and answers getState with the id', () => {
    const t = setup();
    t.becomeReady();
    t.command({ type: 'step', n: 5, id: 'a' });
    t.command({ type: 'getState', id: 2 });
    t.command({ type: 'pause' });
    expect(t.commandsOf('step')).toEqual([{ type: 'step', n: 5 }]);
    expect(t.events().map(brief)).toEqual(['ready', 'accepted#a', 'state#2', 'accepted#2']);
    expect(t.ofType('accepted')).toEqual([
      { lotteryLens: 1, type: 'accepted', id: 'a', command: 'step' },
      { lotteryLens: 1, type: 'accepted', id: 2, command: 'getState' },
    ]);
    // The acknowledgement goes to the parent's origin, like the answers.
    expect(t.parentPosts.at(-1)!.origin).toBe(ORIGIN);
  });

  it('queued commands keep their ids and are acknowledged when they run, not when they arrive', () => {
    const t = setup();
    t.command({ type: 'step', n: 5, id: 'first' });
    t.command({ type: 'select', row: 1, id: 'second' });
    expect(t.events()).toEqual([]);
    t.becomeReady();
    expect(t.events().map(brief)).toEqual(['ready', 'accepted#first', 'accepted#second']);
    expect(t.store.getState().selection.row).toBe(1);
  });

  it('a command the page refuses answers error with its id and is not acknowledged', () => {
    const t = setup();
    t.becomeReady();
    t.command({ type: 'select', row: DEFAULTS.m, id: 'r' });
    t.command({ type: 'setSettings', settings: { k: 99 }, id: 's' });
    t.store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    t.command({ type: 'play', id: 'p' });
    const answers = t.events().filter((e) => e.type === 'error' || e.type === 'accepted');
    expect(answers.map(brief)).toEqual(['error#r', 'error#s', 'error#p']);
    expect(t.ofType('error')[0].message).toBe(`select: row must be below m (${DEFAULTS.m}).`);
    expect(t.ofType('error')[2].message).toBe('The dense run has finished; send reset to train it again.');
    // The refusal is not charged to the next command.
    t.command({ type: 'reset', id: 'q' });
    expect(t.events().at(-1)).toEqual({ lotteryLens: 1, type: 'accepted', id: 'q', command: 'reset' });
  });

  it('a message the parser refuses answers error with its id when the id itself is valid', () => {
    const t = setup();
    t.becomeReady();
    t.command({ type: 'step', n: 0, id: 9 });
    t.command({ type: 'step', n: 1, id: { no: 1 } });
    expect(t.ofType('error')).toEqual([
      { lotteryLens: 1, type: 'error', message: 'step: n must be a whole number from 1 to 50000.', id: 9 },
      { lotteryLens: 1, type: 'error', message: 'id: must be a finite number or a string of at most 100 characters (got an object).' },
    ]);
    expect(t.ofType('accepted')).toEqual([]);
    expect(t.commandsOf('step')).toEqual([]);
  });

  it('exportRun: accepted at once, then the run file comes back with the id of its request, in order', () => {
    const t = setup();
    t.becomeReady();
    t.command({ type: 'exportRun', id: 'e1' });
    t.command({ type: 'exportRun' });
    t.command({ type: 'exportRun', id: 'e3' });
    const file = { format: 'lottery-lens-run', version: 1 };
    t.runtime.takeRunFile(JSON.stringify(file));
    t.runtime.takeRunFile(JSON.stringify(file));
    t.runtime.takeRunFile('{broken');
    expect(t.events().map(brief)).toEqual(['ready', 'accepted#e1', 'accepted#e3', 'run#e1', 'run', 'error#e3']);
    expect(t.ofType('run')[0]).toEqual({ lotteryLens: 1, type: 'run', data: file, id: 'e1' });
    expect(t.ofType('error')[0]).toEqual({ lotteryLens: 1, type: 'error', message: 'exportRun: the run file could not be read back.', id: 'e3' });
  });

  it('a command from another window is refused with its id on that window; window.lotteryLens.send echoes ids too', () => {
    const t = setup();
    t.becomeReady();
    const posts: unknown[] = [];
    const intruder = { postMessage: (data: unknown) => posts.push(data) };
    t.dispatch({ lotteryLens: 1, type: 'play', id: 'x' }, intruder, 'https://other.example');
    expect(posts).toEqual([{ lotteryLens: 1, type: 'error', message: 'Ignored: Lottery Lens takes commands only from the page that embeds it.', id: 'x' }]);
    expect(t.commandsOf('play')).toEqual([]);

    const main = setup({ embedded: false, embed: false });
    main.becomeReady();
    const seen: ApiEvent[] = [];
    main.runtime.api.on('*', (e) => seen.push(e));
    main.runtime.api.send({ lotteryLens: 1, type: 'getState', id: 1 });
    main.runtime.api.send({ lotteryLens: 1, type: 'seek', step: -1, id: 2 });
    main.runtime.api.send({ lotteryLens: 1, type: 'seek', step: 0, id: 3 });
    expect(seen.map(brief)).toEqual(['state#1', 'accepted#1', 'error#2', 'accepted#3']);
  });
});
