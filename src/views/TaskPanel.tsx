/**
 * The experiment at a glance: the network's shape and the clause list (each clause's inputs
 * and template, e.g. "x3 ∧ ¬x7 ∧ x12"), drawn by the worker from the task seed or edited here
 * (SPEC 2): each clause is a text field, read when Enter is pressed or the field is left. A
 * clause that does not parse shows why beside it (Play waits); a valid edit starts a fresh run
 * on the edited task. Clauses that share an input with opposite signs are marked as conflicts.
 */
import { useRef, useState } from 'react';
import { conflicts } from '../engine/analysis/featureSpace';
import { clauseText } from '../engine/core/task';
import type { Clause } from '../engine/core/types';
import { useApp } from './storeContext';
import { panelElementId } from '../state/panels';

export function TaskPanel() {
  const task = useApp((s) => s.task);
  const m = useApp((s) => s.applied.m);
  const custom = useApp((s) => s.clauses !== null);
  const notice = useApp((s) => s.clausesNotice);
  const clauseErrors = useApp((s) => s.clauseErrors);
  if (!task)
    return (
      <section id={panelElementId('task')} className="panel task" aria-busy="true">
        Preparing the task…
      </section>
    );
  const { n, K, k, p, q } = task.config;
  return (
    <section id={panelElementId('task')} className="panel task" aria-labelledby="task-title">
      <h2 id="task-title">The task and the network</h2>
      <p className="network" data-testid="network">
        {n} inputs → <strong>{m}</strong> hidden rows (ReLU) → {K} outputs (sigmoid), one per clause
      </p>
      <p className="muted">
        Each input bit is 1 with probability {p}; each clause of {k} literals is planted with probability {q}. An output is 1 exactly when every literal of its clause holds.
      </p>
      <p className="muted" id="clauses-help">
        {custom ? 'Edited clauses' : 'Clauses drawn from the task seed'}: edit one (e.g. x3 ∧ ¬x7 ∧ x12, or x3 &amp; !x7 &amp; x12) and press Enter to train a fresh run on it.
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ol className="clauses editable" start={0} aria-label={`${K} clauses`}>
        {task.clauses.map((c, i) => (
          <ClauseRow key={`${i}:${clauseText(c)}`} index={i} clause={c} error={clauseErrors[i]} conflictsWith={task.clauses.flatMap((o, j) => (j !== i && conflicts(c, o) ? [j] : []))} />
        ))}
      </ol>
    </section>
  );
}

function ClauseRow({ index, clause, error, conflictsWith }: { index: number; clause: Clause; error?: string; conflictsWith: number[] }) {
  const editClause = useApp((s) => s.editClause);
  const shown = clauseText(clause);
  const [text, setText] = useState(shown);
  // The text last handed to the store: Enter then leaving the field reads it once.
  const committed = useRef(shown);
  const commit = (value: string) => {
    if (value === committed.current) return;
    committed.current = value;
    editClause(index, value);
  };
  const id = `clause-${index}`;
  const notes = [error ? `${id}-error` : '', conflictsWith.length > 0 ? `${id}-conflict` : '', 'clauses-help'].filter(Boolean).join(' ');
  return (
    <li data-testid="clause" className={error ? 'invalid' : conflictsWith.length > 0 ? 'conflict' : undefined}>
      <span className="clause-id">c{index}</span>
      <input
        id={id}
        type="text"
        aria-label={`Clause ${index}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={notes}
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => commit(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(text);
          else if (e.key === 'Escape') {
            setText(shown);
            commit(shown);
          }
        }}
      />
      {error && (
        <small id={`${id}-error`} className="error clause-note" role="alert">
          {error}
        </small>
      )}
      {conflictsWith.length > 0 && (
        <small id={`${id}-conflict`} className="clause-conflict clause-note">
          ⚠ conflicts with {conflictsWith.map((j) => `c${j}`).join(', ')}
        </small>
      )}
    </li>
  );
}
