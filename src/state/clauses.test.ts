/** Edited clauses in the store (SPEC 2): parse errors block Play, a valid edit configures a fresh run, task changes drop them. */
import { describe, expect, it } from 'vitest';
import { clauseText, generateTask } from '../engine/core/task';
import type { Clause } from '../engine/core/types';
import type { Command, WorkerEvent } from '../worker/protocol';
import { DEFAULTS, type Settings } from '../settings/settings';
import { createAppStore } from './store';

const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
const drawn = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
const configured = (clauses: Clause[], settings: Settings = DEFAULTS, imported = false): WorkerEvent => ({
  type: 'configured',
  task: { config: drawn.config, clauses },
  settings,
  backend,
  imported,
});

function setup() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS);
  store.getState().receive(configured(drawn.clauses));
  sent.length = 0;
  return { store, sent };
}

describe('edited clauses in the store', () => {
  it('keeps a clause that does not parse beside it, blocking Play and Step, until it is fixed', () => {
    const { store, sent } = setup();
    store.getState().editClause(3, 'x3 ∧ ¬x7 ∧ x30');
    expect(store.getState().clauseErrors).toEqual({ 3: 'x30 is beyond n = 24 (inputs are x0 to x23)' });
    store.getState().play();
    store.getState().stepBy(10);
    expect(sent).toEqual([]);
    store.getState().editClause(3, 'x3 & !x7 & x12');
    expect(store.getState().clauseErrors).toEqual({});
    const clauses = drawn.clauses.map((c, i) => (i === 3 ? { inputs: [3, 7, 12], template: [1, -1, 1] } : c));
    expect(sent).toEqual([{ type: 'configure', settings: DEFAULTS, clauses }]);
    expect(store.getState()).toMatchObject({ clauses, connection: 'connecting', step: 0 });
  });

  it('does nothing for a clause typed as it was, and goes back to the seed’s clauses when they are typed again', () => {
    const { store, sent } = setup();
    store.getState().editClause(0, ` ${clauseText(drawn.clauses[0])} `);
    expect(sent).toEqual([]);
    store.getState().editClause(0, 'x20 ∧ x21 ∧ x22');
    store.getState().receive(configured(store.getState().clauses!));
    store.getState().editClause(0, clauseText(drawn.clauses[0]));
    expect(sent.at(-1)).toEqual({ type: 'configure', settings: DEFAULTS });
    expect(store.getState().clauses).toBeNull();
  });

  it('sends the edited clauses with a new configuration, and drops them (with a notice) when n, K, k or the task seed change', () => {
    const { store, sent } = setup();
    store.getState().editClause(1, 'x0 ∧ x1 ∧ x2');
    const clauses = store.getState().clauses!;
    store.getState().receive(configured(clauses));
    store.getState().setField('m', '20');
    expect(sent.at(-1)).toEqual({ type: 'configure', settings: { ...DEFAULTS, m: 20 }, clauses });
    store.getState().setField('seedTask', '5');
    expect(sent.at(-1)).toEqual({ type: 'configure', settings: { ...DEFAULTS, m: 20, seedTask: 5 } });
    expect(store.getState().clauses).toBeNull();
    expect(store.getState().clausesNotice).toMatch(/edited clauses were dropped/);
  });

  it('ignores an older answer to a configure with other clauses, and keeps an imported file’s clauses', () => {
    const { store } = setup();
    store.getState().editClause(1, 'x0 ∧ x1 ∧ x2');
    store.getState().receive(configured(drawn.clauses));
    expect(store.getState().connection).toBe('connecting');
    const file = drawn.clauses.map((c, i) => (i === 2 ? { inputs: [4, 5, 6], template: [-1, -1, -1] } : c));
    store.getState().receive(configured(file, DEFAULTS, true));
    expect(store.getState()).toMatchObject({ clauses: file, origin: 'imported', connection: 'ready' });
    store.getState().receive(configured(drawn.clauses, DEFAULTS, true));
    expect(store.getState().clauses).toBeNull();
  });
});
