import { describe, expect, it } from 'vitest';
import { nextPlayback, type PlaybackEvent } from './playback';
import type { Playback } from './protocol';

const STATES: Playback[] = ['idle', 'running', 'paused', 'finished', 'failed'];

/** Every event, with each fact it carries both ways. */
const EVENTS: Record<string, PlaybackEvent> = {
  'play (trainable)': { type: 'play', trainable: true },
  'play (not trainable)': { type: 'play', trainable: false },
  pause: { type: 'pause' },
  step: { type: 'step' },
  'stepped (at the end)': { type: 'stepped', atEnd: true },
  'stepped (steps left)': { type: 'stepped', atEnd: false },
  end: { type: 'end' },
  fail: { type: 'fail' },
  reset: { type: 'reset' },
  import: { type: 'import' },
  'restore (imported)': { type: 'restore', imported: true, atEnd: false, notStarted: true },
  'restore (at the end)': { type: 'restore', imported: false, atEnd: true, notStarted: false },
  'restore (not started)': { type: 'restore', imported: false, atEnd: false, notStarted: true },
  'restore (started)': { type: 'restore', imported: false, atEnd: false, notStarted: false },
};

/** The whole table: per event, the state after it from idle, running, paused, finished, failed (null: refused). */
const TABLE: Record<keyof typeof EVENTS, (Playback | null)[]> = {
  //                          idle        running     paused      finished    failed
  'play (trainable)': ['running', null, 'running', 'running', null],
  'play (not trainable)': [null, null, null, null, null],
  pause: [null, 'paused', null, null, null],
  step: ['idle', 'paused', 'paused', 'finished', null],
  'stepped (at the end)': ['finished', 'finished', 'finished', 'finished', null],
  'stepped (steps left)': ['paused', 'paused', 'paused', 'paused', null],
  end: [null, 'finished', null, null, null],
  fail: ['failed', 'failed', 'failed', 'failed', 'failed'],
  reset: ['idle', 'idle', 'idle', 'idle', 'idle'],
  import: ['finished', 'finished', 'finished', 'finished', 'finished'],
  'restore (imported)': ['finished', 'finished', 'finished', 'finished', 'finished'],
  'restore (at the end)': ['finished', 'finished', 'finished', 'finished', 'finished'],
  'restore (not started)': ['idle', 'idle', 'idle', 'idle', 'idle'],
  'restore (started)': ['paused', 'paused', 'paused', 'paused', 'paused'],
};

describe('nextPlayback, the playback state machine', () => {
  const cases = Object.entries(EVENTS).flatMap(([name, event]) => STATES.map((state, i) => ({ name, event, state, next: TABLE[name][i] })));

  it.each(cases.filter((c) => c.next !== null))('$state --$name--> $next', ({ state, event, next }) => {
    expect(nextPlayback(state, event)).toBe(next);
  });

  it.each(cases.filter((c) => c.next === null))('$state refuses $name', ({ state, event }) => {
    expect(nextPlayback(state, event)).toBeNull();
  });

  it('covers every state and event kind', () => {
    expect(cases).toHaveLength(STATES.length * Object.keys(EVENTS).length);
    const kinds = new Set(Object.values(EVENTS).map((e) => e.type));
    expect([...kinds].sort()).toEqual(['end', 'fail', 'import', 'pause', 'play', 'reset', 'restore', 'step', 'stepped']);
  });

  it('a failed run refuses everything but fail and a new run (reset, import, restore)', () => {
    for (const [name, event] of Object.entries(EVENTS)) {
      const taken = nextPlayback('failed', event) !== null;
      expect(taken, name).toBe(['fail', 'reset', 'import', 'restore'].includes(event.type));
    }
  });

  it('play is refused by running and failed even for a trainable run; restore reads imported before not started', () => {
    // Play is refused by running and failed even when the run is trainable, so the session can
    // ask before it retrains a restored run.
    expect(nextPlayback('running', { type: 'play', trainable: true })).toBeNull();
    expect(nextPlayback('failed', { type: 'play', trainable: true })).toBeNull();
    // Restore's facts: imported wins over not started.
    expect(nextPlayback('idle', { type: 'restore', imported: true, atEnd: false, notStarted: true })).toBe('finished');
  });
});
