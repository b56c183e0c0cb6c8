/**
 * The settings form (the drawer's contents), generated from the schema: one labelled field per setting, grouped, each
 * with its validation message beside it (aria-invalid + aria-describedby). A valid change is
 * applied at once (the run restarts at step 0); an invalid one blocks Play until fixed.
 */
import { PRESETS, SCHEMA, SETTING_KEYS, type Group, type PresetId, type SettingKey } from '../settings/settings';
import { useApp } from './storeContext';

const GROUPS: { id: Group; title: string }[] = [
  { id: 'task', title: 'Task' },
  { id: 'model', title: 'Model' },
  { id: 'training', title: 'Training' },
  { id: 'seeds', title: 'Seeds' },
  { id: 'engine', title: 'Engine' },
];
// The 'features' group (τ, τ_out, r) sits beside the feature-space view it changes.

/** One labelled setting with its help and validation message; the input is built from the schema. */
export function SettingField({ name }: { name: SettingKey }) {
  const field = SCHEMA[name];
  const value = useApp((s) => s.draft[name]);
  const error = useApp((s) => s.errors[name]);
  const setField = useApp((s) => s.setField);
  const id = `setting-${name}`;
  const describedBy = `${id}-help${error ? ` ${id}-error` : ''}`;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'choice' ? (
        <select id={id} value={value} onChange={(e) => setField(name, e.target.value)} aria-describedby={describedBy}>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {(field.optionLabels as Record<string, string>)[o]}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={value}
          onChange={(e) => setField(name, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          spellCheck={false}
        />
      )}
      <small id={`${id}-help`} className="help">
        {field.help}
      </small>
      {error && (
        <small id={`${id}-error`} className="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** The preset picker, then every setting of the run by group: the settings drawer's contents. */
export function SettingsForm() {
  const applyPreset = useApp((s) => s.applyPreset);
  return (
    <div className="settings">
      <div className="field">
        <label htmlFor="preset">Preset</label>
        <select id="preset" defaultValue="" onChange={(e) => e.target.value && applyPreset(e.target.value as PresetId)}>
          <option value="" disabled>
            Choose a preset…
          </option>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {GROUPS.map((g) => (
        <fieldset key={g.id}>
          <legend>{g.title}</legend>
          {SETTING_KEYS.filter((k) => SCHEMA[k].group === g.id).map((k) => (
            <SettingField key={k} name={k} />
          ))}
        </fieldset>
      ))}
    </div>
  );
}
