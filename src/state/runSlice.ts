/**
 * The run slice: the settings as typed and as applied, and the run the worker streams back
 * (task, snapshots, metrics, frames, analysis, optimizer state, origin). Its actions start a
 * new run (configure, preset, Reset) or move a run in and out as a file.
 */
import { customClauses, parseClause, sameClauses } from '../engine/core/clauseSyntax';
import { generateTask } from '../engine/core/task';
import type { Clause } from '../engine/core/types';
import { differsOnlyInAnalysis, experimentConfig, featureSettings, presetSettings, sameSettings, toDraft, validate, type SettingKey, type Settings } from '../settings/settings';
import type { AppState, RunActions, RunFields, Send, Slice } from './appState';
import { EMPTY_RUN, freshRun } from './freshRun';

/** The settings the clauses are drawn with: a change of any of them makes edited clauses unfit. */
const TASK_KEYS = ['n', 'K', 'k', 'seedTask'] as const;

/** True while a setting or a clause as typed is invalid: Play and Step wait. */
export function hasProblems(s: Pick<AppState, 'errors' | 'clauseErrors'>): boolean {
  return Object.keys(s.errors).length > 0 || Object.keys(s.clauseErrors).length > 0;
}

/** The configure command for `settings`, with the edited clauses when there are any. */
export const configureCommand = (settings: Settings, clauses: Clause[] | null) => (clauses ? { type: 'configure' as const, settings, clauses } : { type: 'configure' as const, settings });

export function createRunSlice(send: Send, initial: Settings, notices: string[], initialClauses: Clause[] | null = null): Slice<RunFields & RunActions> {
  return (set, get) => {
    /** A fresh run of `settings` on `clauses` (null: the seed's). */
    const start = (settings: Settings, clauses: Clause[] | null, patch: Partial<AppState> = {}) => {
      set({ ...freshRun(settings, 'trained'), ...patch, clauses, connection: 'connecting' });
      send(configureCommand(settings, clauses));
    };
    const configure = (settings: Settings) => {
      const previous = get().applied;
      if (get().connection === 'ready' && differsOnlyInAnalysis(settings, previous)) {
        // Every lab number depends on these settings: marked until the worker re-derives them.
        const s = get();
        const labs = s.lottery.tickets.length > 0 || s.comparison.results.length > 0 || s.seeds.claims !== null;
        set({ applied: settings, labsRecomputing: labs });
        send({ type: 'analyze', features: featureSettings(settings) });
        return;
      }
      if (!TASK_KEYS.some((key) => settings[key] !== previous[key])) return start(settings, get().clauses);
      const dropped = get().clauses !== null || Object.keys(get().clauseErrors).length > 0;
      const clausesNotice = dropped ? 'The edited clauses were dropped: a change of n, K, k or the task seed draws new ones.' : get().clausesNotice;
      start(settings, null, { clauseErrors: {}, clausesNotice });
    };
    return {
      draft: toDraft(initial),
      errors: {},
      applied: initial,
      notices,
      task: null,
      clauses: initialClauses,
      clauseErrors: {},
      clausesNotice: null,
      ...EMPTY_RUN,
      origin: 'trained',

      setField(key, text) {
        const draft = { ...get().draft, [key]: text };
        const { settings, errors } = validate(draft);
        set({ draft, errors });
        if (Object.keys(errors).length === 0 && !sameSettings(settings, get().applied)) configure(settings);
      },
      applySettings(patch) {
        const draft = { ...get().draft };
        for (const [key, value] of Object.entries(patch)) draft[key as SettingKey] = String(value);
        const { settings, errors } = validate(draft);
        if (Object.keys(errors).length > 0) return errors;
        set({ draft, errors });
        if (!sameSettings(settings, get().applied)) configure(settings);
        return {};
      },
      applyPreset(id) {
        const settings = { ...presetSettings(id), backend: get().applied.backend };
        set({ draft: toDraft(settings), errors: {} });
        configure(settings);
      },
      editClause(index, text) {
        const { applied } = get();
        if (!Number.isInteger(index) || index < 0 || index >= applied.K) return;
        const r = parseClause(text, applied);
        const clauseErrors = { ...get().clauseErrors };
        delete clauseErrors[index];
        if ('error' in r) return set({ clauseErrors: { ...clauseErrors, [index]: r.error } });
        set({ clauseErrors, clausesNotice: null });
        // The clauses the worker was last asked for (the task on screen may be an older run's).
        const task = experimentConfig(applied).task;
        const current = get().clauses ?? generateTask(task, applied.seedTask).clauses;
        if (sameClauses([r.clause], [current[index]])) return;
        start(
          applied,
          customClauses(
            current.map((c, i) => (i === index ? r.clause : c)),
            task,
            applied.seedTask,
          ),
        );
      },
      reset() {
        if (get().connection !== 'ready') return;
        // A new run at step 0, trained here (an imported run's too: the worker retrains it with the
        // file's clauses); a fault notice about the old one (and its Continue offer) goes too.
        set(freshRun(get().applied, 'trained', { keepSelection: true }));
        send({ type: 'reset' });
      },
      exportRun() {
        // The ε the page judges the lottery's tickets by goes into the file with them.
        if (get().connection === 'ready') send(get().lottery.tickets.length > 0 ? { type: 'exportRun', eps: get().lotteryForm.eps } : { type: 'exportRun' });
      },
      importRun(text) {
        send({ type: 'importRun', text });
      },
    };
  };
}
