/**
 * The URL form of the settings: query parameters named as the schema's keys, written only
 * when they differ from the default. Unknown keys and bad values are ignored and reported, so a
 * hand-edited link never breaks the app. The view's keys (panel, step, selection, modes) are
 * read by viewUrl.ts; `parseQuery` and `toQuery` handle the two together, with the edited clauses
 * (key `clauses`, e.g. "3.n7.12_1.2.n5": literals by '.', clauses by '_', 'n' = NOT; written only
 * when they are not the task seed's, read against the link's n, K and k).
 *
 * A hostile link cannot flood the page: a value over 64 characters is refused unread, a key
 * is echoed at most 40 characters long with control characters replaced, and there are at
 * most MAX_NOTICES notes, the last saying how many more were dropped.
 */
import { clausesFromUrl, clausesToUrl, customClauses } from '../engine/core/clauseSyntax';
import type { Clause } from '../engine/core/types';
import { DEFAULTS, SCHEMA, SETTING_KEYS, crossFieldErrors, experimentConfig, parseField, type SettingKey, type Settings } from '../settings/settings';
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
/** The key of the edited clauses, and the longest value of it read (K 64 × k 8 literals fit). */
export const CLAUSES_KEY = 'clauses';
export const MAX_CLAUSES_CHARS = 4096;
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
    if (isViewKey(key) || key === CLAUSES_KEY) continue; // read by viewUrl.ts, readClauses
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

/** The edited clauses of a query string, read against `settings`; undefined when none (or the seed's). */
function readClauses(query: string, settings: Settings): { clauses?: Clause[]; problems: string[] } {
  const given = new URLSearchParams(query).getAll(CLAUSES_KEY);
  if (given.length === 0) return { problems: [] };
  const problems = given.length > 1 ? [`${CLAUSES_KEY}: given more than once; the first value is used.`] : [];
  if (given[0].length > MAX_CLAUSES_CHARS) return { problems: [...problems, `${CLAUSES_KEY}: longer than ${MAX_CLAUSES_CHARS} characters; ignored.`] };
  const r = clausesFromUrl(given[0].trim(), settings);
  if ('error' in r) return { problems: [...problems, `${CLAUSES_KEY}: ${echo(r.error, 120)}; ignored.`] };
  const clauses = customClauses(r.clauses, experimentConfig(settings).task, settings.seedTask);
  return clauses ? { clauses, problems } : { problems };
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
export function parseQuery(query: string): { settings: Settings; view: ViewState; clauses?: Clause[]; ignored: string[] } {
  const r = readSettings(query);
  const v = viewFromQuery(query, r.settings);
  const c = readClauses(query, r.settings);
  const ignored = capNotices([...r.problems, ...c.problems, ...v.ignored, ...r.unknown], r.moreUnknown);
  return c.clauses ? { settings: r.settings, view: v.view, clauses: c.clauses, ignored } : { settings: r.settings, view: v.view, ignored };
}

/** Query string (without "?") for settings, view and edited clauses (null: the seed's); other parameters of `base` are kept. */
export function toQuery(s: Settings, v: ViewState, base: URLSearchParams = new URLSearchParams(), clauses: readonly Clause[] | null = null): string {
  const params = new URLSearchParams(settingsToQuery(s, base));
  params.delete(CLAUSES_KEY);
  if (clauses) params.set(CLAUSES_KEY, clausesToUrl(clauses));
  return viewToQuery(v, params);
}
