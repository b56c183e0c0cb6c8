/**
 * public/embed.d.ts (the embed kit's types) is generated from the API's own types by
 * scripts/embedTypes.mjs: the checked-in file must be exactly what the generator writes now, and
 * it must declare every command the parser reads and every event the page sends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, apiEvent } from '../src/api/messages';
import { OUTPUT, embedTypes } from './embedTypes.mjs';

const generated = embedTypes();

describe('public/embed.d.ts', () => {
  it('is what scripts/embedTypes.mjs writes from src/api/messages.ts (run `node scripts/embedTypes.mjs` after changing the API)', () => {
    const checkedIn = readFileSync(join(import.meta.dirname, '..', OUTPUT), 'utf8');
    expect(checkedIn).toBe(generated);
  });

  it('declares every command the parser reads, the events, request ids and the element', () => {
    for (const type of COMMAND_TYPES) expect(generated).toContain(`{ type: '${type}'`);
    // The events as the page sends them: the envelope, and each event type's fields.
    expect(apiEvent('accepted', { id: 1, command: 'play' })).toEqual({ lotteryLens: 1, type: 'accepted', id: 1, command: 'play' });
    expect(generated).toContain('export type ApiEvent = { [T in ApiEventType]: { lotteryLens: 1; type: T } & ApiEventFields[T] }[ApiEventType];');
    for (const type of ['ready', 'accepted', 'state', 'progress', 'finished', 'run', 'error']) expect(generated).toMatch(new RegExp(`\\n  ${type}: `));
    expect(generated).toContain('export type ApiRequestId = string | number;');
    expect(generated).toContain("'lottery-lens': LotteryLensElement;");
    // Every name it uses is declared in it (no import, no `typeof` of a value).
    expect(generated).not.toMatch(/\bimport\b|typeof /);
    for (const name of ['Settings', 'MethodId', 'PanelId', 'Phase', 'ApiMetrics', 'ApiCommandType']) expect(generated).toMatch(new RegExp(`export (type|interface) ${name}\\b`));
  });
});
