/**
 * The feature-space settings (τ, τ_out, r, precursor readout), beside the view they change.
 * Changing one re-reads the kept snapshots in the worker; nothing is retrained.
 */
import { SCHEMA, SETTING_KEYS } from '../settings/settings';
import { SettingField } from './SettingsPanel';

export function FeatureSettings() {
  return (
    <fieldset className="feature-settings">
      <legend>Reading feature space (no retraining)</legend>
      {SETTING_KEYS.filter((k) => SCHEMA[k].group === 'features').map((k) => (
        <SettingField key={k} name={k} />
      ))}
    </fieldset>
  );
}
