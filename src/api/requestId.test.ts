/**
 * Request ids in the parser: any command may carry an `id` (a finite number, or a string of at
 * most 100 characters); a valid id comes back with the command or with its refusal, whatever
 * else is wrong with the message; anything else as `id` is refused by name, and not echoed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../testing/fuzzRuns';
import { COMMAND_TYPES, apiCommand, parseCommand } from './messages';

const msg = (type: string, fields: Record<string, unknown> = {}) => ({ lotteryLens: 1, type, ...fields });
const ID_RULE = 'id: must be a finite number or a string of at most 100 characters';

/** Valid ids, written from the brief: finite numbers and strings of 0 to 100 characters. */
const validId = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ maxLength: 100, unit: 'binary' }));
const invalidId = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, null, undefined, true, false, [], {}, [1], { id: 1 }), fc.string({ minLength: 101, maxLength: 300 }), fc.bigInt());
/** What the page echoes: the id itself, with -0 read as 0. */
const echoed = (id: string | number) => (Object.is(id, -0) ? 0 : id);

describe('request ids', () => {
  it('reads a command with an id, and the id survives posting (structured clone, JSON)', () => {
    expect(parseCommand(msg('play', { id: 7 }))).toEqual({ ok: true, command: { type: 'play' }, id: 7 });
    expect(parseCommand(msg('step', { n: 5, id: 'req-1' }))).toEqual({ ok: true, command: { type: 'step', n: 5 }, id: 'req-1' });
    expect(parseCommand(msg('seek', { id: 'x'.repeat(100), step: 3 }))).toEqual({ ok: true, command: { type: 'seek', step: 3 }, id: 'x'.repeat(100) });
    expect(parseCommand(msg('getState', { id: -0 }))).toEqual({ ok: true, command: { type: 'getState' }, id: 0 });
    expect(Object.is((parseCommand(msg('getState', { id: -0 })) as { id: number }).id, 0)).toBe(true);
    // Without an id the verdict has no id key at all.
    expect(Object.keys(parseCommand(msg('play'))!)).toEqual(['ok', 'command']);
    expect(apiCommand({ type: 'step', n: 2 }, 'a')).toEqual({ type: 'step', n: 2, lotteryLens: 1, id: 'a' });
    expect(apiCommand({ type: 'play' })).toEqual({ type: 'play', lotteryLens: 1 });
    fc.assert(
      fc.property(validId, fc.constantFrom(...COMMAND_TYPES.filter((t) => ['play', 'pause', 'reset', 'getState', 'exportRun'].includes(t))), (id, type) => {
        const r = parseCommand(msg(type, { id }));
        expect(r).toEqual({ ok: true, command: { type }, id: echoed(id) });
        expect(parseCommand(structuredClone(msg(type, { id })))).toEqual(r);
        if (typeof id === 'string' || Number.isFinite(id)) expect(parseCommand(JSON.parse(JSON.stringify(msg(type, { id }))))).toEqual(r);
      }),
      fuzzRuns(300),
    );
  });

  it('refuses an id that is not a finite number or a short string, naming the rule, and echoes none', () => {
    expect(parseCommand(msg('play', { id: NaN }))).toEqual({ ok: false, error: `${ID_RULE} (got NaN).` });
    expect(parseCommand(msg('play', { id: Infinity }))).toEqual({ ok: false, error: `${ID_RULE} (got Infinity).` });
    expect(parseCommand(msg('play', { id: 'x'.repeat(101) }))).toEqual({ ok: false, error: `${ID_RULE} (got a string of 101 characters).` });
    expect(parseCommand(msg('play', { id: { n: 1 } }))).toEqual({ ok: false, error: `${ID_RULE} (got an object).` });
    expect(parseCommand(msg('play', { id: [1] }))).toEqual({ ok: false, error: `${ID_RULE} (got an array).` });
    expect(parseCommand(msg('play', { id: null }))).toEqual({ ok: false, error: `${ID_RULE} (got null).` });
    expect(parseCommand(msg('play', { id: undefined }))).toEqual({ ok: false, error: `${ID_RULE} (got undefined).` });
    expect(parseCommand(msg('play', { id: 1n }))).toEqual({ ok: false, error: `${ID_RULE} (got a bigint).` });
    fc.assert(
      fc.property(invalidId, fc.constantFrom(...COMMAND_TYPES), (id, type) => {
        const r = parseCommand(msg(type, { id }));
        expect(r).not.toBeNull();
        expect(r!.ok).toBe(false);
        expect('id' in r!).toBe(false);
        // The id is checked right after the version, before the type and the fields.
        if (!r!.ok) expect(r!.error.startsWith(`${ID_RULE} (got `)).toBe(true);
      }),
      fuzzRuns(300),
    );
  });

  it('echoes a valid id on any refusal of the rest of the message', () => {
    expect(parseCommand(msg('step', { n: 0, id: 'a' }))).toEqual({ ok: false, error: 'step: n must be a whole number from 1 to 50000.', id: 'a' });
    expect(parseCommand({ lotteryLens: 2, type: 'play', id: 3 })).toEqual({ ok: false, error: 'lotteryLens: version 2 is not supported; this page speaks version 1.', id: 3 });
    expect(parseCommand(msg('fly', { id: 4 }))).toMatchObject({ ok: false, error: expect.stringMatching(/^type: “fly” is not a command/), id: 4 });
    expect(parseCommand(msg('play', { id: 5, x: 1 }))).toEqual({ ok: false, error: 'play: unexpected field “x”.', id: 5 });
    // A version we do not speak is named before a bad id.
    expect(parseCommand({ lotteryLens: 2, type: 'play', id: {} })).toEqual({ ok: false, error: 'lotteryLens: version 2 is not supported; this page speaks version 1.' });
    fc.assert(
      fc.property(
        validId,
        fc.constantFrom(...COMMAND_TYPES),
        fc.dictionary(fc.constantFrom('n', 'step', 'settings', 'row', 'panel', 'seeds', 'x'), fc.anything(), { maxKeys: 3 }),
        (id, type, fields) => {
          const r = parseCommand(msg(type, { ...fields, id }));
          expect(r).not.toBeNull();
          expect(r!.id).toBe(echoed(id));
        },
      ),
      fuzzRuns(300),
    );
  });
});
