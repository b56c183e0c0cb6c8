/**
 * The URL form of the settings: query parameters named as the schema's keys, written only
 * when they differ from the default. Unknown keys and bad values are ignored and reported, so a
 * hand-edited link never breaks the app. The view's keys (panel, step, selection, modes) are
 * read by viewUrl.ts; `parseQuery` and `toQuery` handle the two together.
 *
 * A hostile link cannot flood the page: a value over 64 characters is refused unread, a key
 * is echoed at most 40 characters long with control characters replaced, and there are at
 * most MAX_NOTICES notes, the last saying how many more were dropped.
 */
import { DEFAULTS, SCHEMA, SETTING_KEYS, crossFieldErrors, parseField, type SettingKey, type Settings } from '../settings/settings';
import { isViewKey, viewFromQuery, viewToQuery, type ViewState } from './viewUrl';

export interface UrlSettings {
  settings: Settings;
  /** Human-readable notes on what was ignored, e.g. "m: Must be between 1 and 128." */
  ignored: string[];
}

/** The most notes one link produces (the last one may say how many more there were). */
export const MAX_NOTICES = 10;
/** The longest setting value read; longer ones are refused (truncating could change the number). */
export const MAX_VALUE_CHARS = 64;
/** How much of an unknown key is echoed back. */
const ECHO_CHARS = 40;

/** True for the schema's own keys only (not "toString", "__proto__" or other inherited names). */
function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SCHEMA, key);
}

/** `text` made safe to show: control and bidi-override characters replaced, cut to `max` characters. */
export function echo(text: string, max = ECHO_CHARS): string {
  if (text === '') return '(empty name)';
  const chars = Array.from(text.slice(0, 2 * max + 2));
  const shown = chars
    .slice(0, max)
    .join('')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: this removes control and bidi characters from a hostile link before a note shows it.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return chars.length > max ? `${shown}…` : shown;
}

/** At most MAX_NOTICES notes: beyond that, the first ones and a count of the rest. */
export function capNotices(notes: string[], more = 0): string[] {
  const total = notes.length + more;
  if (total <= MAX_NOTICES) return notes;
  const kept = notes.slice(0, MAX_NOTICES - 1);
  return [...kept, `…and ${total - kept.length} more problems with the link; those parts were ignored too.`];
}

interface SettingsRead {
  settings: Settings;
  /** Notes on setting keys (bad, repeated, conflicting values). */
  problems: string[];
  /** Notes on keys that are neither settings nor view keys (the first few of them). */
  unknown: string[];
  /** Unknown keys beyond those noted. */
  moreUnknown: number;
}

function readSettings(query: string): SettingsRead {
  const params = new URLSearchParams(query);
  const values = { ...DEFAULTS } as Record<SettingKey, unknown>;
  const problems: string[] = [];
  const unknown: string[] = [];
  let moreUnknown = 0;
  const seen = new Set<string>();
  const noted = new Set<string>();
  for (const [key, raw] of params) {
    if (isViewKey(key)) continue; // read by viewUrl.ts
    if (!isSettingKey(key)) {
      if (noted.has(key)) continue;
      if (unknown.length >= MAX_NOTICES) moreUnknown++;
      else {
        noted.add(key);
        unknown.push(`${echo(key)}: not a setting of this app; ignored.`);
      }
      continue;
    }
    if (seen.has(key)) {
      if (!noted.has(key)) problems.push(`${key}: given more than once; the first value is used.`);
      noted.add(key);
      continue;
    }
    seen.add(key);
    if (raw.length > MAX_VALUE_CHARS) {
      problems.push(`${key}: longer than ${MAX_VALUE_CHARS} characters; ignored.`);
      continue;
    }
    const r = parseField(key, raw);
    if ('error' in r) problems.push(`${key}: ${r.error}`);
    else values[key] = r.value;
  }
  let settings = values as Settings;
  const cross = crossFieldErrors(settings);
  for (const key of Object.keys(cross) as SettingKey[]) {
    problems.push(`${key}: ${cross[key]}`);
    settings = { ...settings, [key]: DEFAULTS[key] };
  }
  if (Object.keys(crossFieldErrors(settings)).length > 0) settings = { ...DEFAULTS };
  return { settings, problems, unknown, moreUnknown };
}

/** The settings of a query string (with or without "?"); view keys are left to viewFromQuery. */
export function settingsFromQuery(query: string): UrlSettings {
  const r = readSettings(query);
  return { settings: r.settings, ignored: capNotices([...r.problems, ...r.unknown], r.moreUnknown) };
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

/**
 * Settings and view of a whole query string. Never throws; the settings are always valid and
 * the view within their range. Notes: setting problems, then view problems, then unknown keys.
 */
export function parseQuery(query: string): { settings: Settings; view: ViewState; ignored: string[] } {
  const r = readSettings(query);
  const v = viewFromQuery(query, r.settings);
  return { settings: r.settings, view: v.view, ignored: capNotices([...r.problems, ...v.ignored, ...r.unknown], r.moreUnknown) };
}

/** Query string (without "?") for settings and view; other parameters of `base` are kept. */
export function toQuery(s: Settings, v: ViewState, base: URLSearchParams = new URLSearchParams()): string {
  return viewToQuery(v, new URLSearchParams(settingsToQuery(s, base)));
}
