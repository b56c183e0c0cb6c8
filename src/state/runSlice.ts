/**
 * The run slice: the settings as typed and as applied, and the run the worker streams back
 * (task, snapshots, metrics, frames, analysis, optimizer state, origin). Its actions start a
 * new run (configure, preset, Reset) or move a run in and out as a file.
 */
import { differsOnlyInAnalysis, featureSettings, presetSettings, sameSettings, toDraft, validate, type SettingKey, type Settings } from '../settings/settings';
import type { RunActions, RunFields, Send, Slice } from './appState';
import { EMPTY_RUN, freshRun } from './freshRun';

export function createRunSlice(send: Send, initial: Settings, notices: string[]): Slice<RunFields & RunActions> {
  return (set, get) => {
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
      set({ ...freshRun(settings, 'trained'), connection: 'connecting' });
      send({ type: 'configure', settings });
    };
    return {
      draft: toDraft(initial),
      errors: {},
      applied: initial,
      notices,
      task: null,
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
