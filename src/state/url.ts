/**
 * The URL form of the settings: query parameters named as the schema's keys, written only
 * when they differ from the default. Unknown keys and bad values are ignored and reported, so a
 * hand-edited link never breaks the app.
 */
import { DEFAULTS, SCHEMA, SETTING_KEYS, crossFieldErrors, parseField, type SettingKey, type Settings } from './settings';

export interface UrlSettings {
  settings: Settings;
  /** Human-readable notes on what was ignored, e.g. "m: Must be between 1 and 128." */
  ignored: string[];
}

export function settingsFromQuery(query: string): UrlSettings {
  const params = new URLSearchParams(query);
  const values = { ...DEFAULTS } as Record<SettingKey, unknown>;
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    if (!(key in SCHEMA)) continue; // other parameters belong to other parts of the app
    if (seen.has(key)) {
      ignored.push(`${key}: given more than once; the first value is used.`);
      continue;
    }
    seen.add(key);
    const r = parseField(key as SettingKey, raw.slice(0, 64));
    if ('error' in r) ignored.push(`${key}: ${r.error}`);
    else values[key as SettingKey] = r.value;
  }
  let settings = values as Settings;
  const cross = crossFieldErrors(settings);
  for (const key of Object.keys(cross) as SettingKey[]) {
    ignored.push(`${key}: ${cross[key]}`);
    settings = { ...settings, [key]: DEFAULTS[key] };
  }
  if (Object.keys(crossFieldErrors(settings)).length > 0) settings = { ...DEFAULTS };
  return { settings, ignored };
}

/** Query string (without "?") holding the settings that differ from the defaults. */
export function settingsToQuery(s: Settings, base: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams(base);
  for (const key of SETTING_KEYS) {
    params.delete(key);
    if (s[key] !== DEFAULTS[key]) params.set(key, String(s[key]));
  }
  return params.toString();
}
