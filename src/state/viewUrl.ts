/**
 * The URL form of what is being looked at (as opposed to the settings, which url.ts reads):
 * which panel, which step, which row and clause are selected, and the embed, tour and
 * presentation modes. A shared link reproduces the view; a hand-edited or hostile one never
 * breaks the page: each bad value is dropped (to null) with a note in url.ts's wording.
 *
 *   ?panel=features  a PanelId             ?row=3     selected hidden row, 0..m-1
 *   ?at=1200         step trained to, 0..steps   ?clause=5  selected clause, 0..K-1
 *   ?view=600        step viewed, 0..at     ?tour=3    lecture tour at step 1..TOUR_STEPS
 *   ?embed           embed mode (any value) ?present   presentation mode (any value)
 *   ?speed=200       training speed, steps/s (settings/speed.ts)  ?speed=max  as fast as it goes
 */
import { PANEL_IDS, isPanelId, type PanelId } from './panels';
import type { Settings } from '../settings/settings';
import { DEFAULT_SPEED, parseSpeed } from '../settings/speed';

/** Steps of the lecture tour; `tour` in the URL is 1-based. */
export const TOUR_STEPS = 8;

export interface ViewState {
  /** The panel the page scrolls to (the embed shows only it). */
  panel: PanelId | null;
  /** The step the run was trained to; the page trains to it on load. null: as the page decides. */
  at: number | null;
  /** The step being viewed (scrubbed to); null follows the latest. */
  view: number | null;
  /** Selected hidden row j, 0..m-1. */
  row: number | null;
  /** Selected clause c, 0..K-1. */
  clause: number | null;
  embed: boolean;
  /** Lecture tour open at this step (1-based); null when closed. */
  tour: number | null;
  present: boolean;
  /** Training speed in steps per second, or 'max'; null when the link does not say (DEFAULT_SPEED). */
  speed: number | 'max' | null;
}

export const NO_VIEW: ViewState = { panel: null, at: null, view: null, row: null, clause: null, embed: false, tour: null, present: false, speed: null };

/** The query keys of the view, in the order they are written. */
export const VIEW_KEYS = ['panel', 'at', 'view', 'row', 'clause', 'tour', 'embed', 'present', 'speed'] as const satisfies readonly (keyof ViewState)[];
export type ViewKey = (typeof VIEW_KEYS)[number];

export function isViewKey(key: string): key is ViewKey {
  return (VIEW_KEYS as readonly string[]).includes(key);
}

/** Whole numbers only: digits, no sign, exponent, point or hex (so "1e3", "0x10", "-0" are refused). */
const DIGITS = /^[0-9]{1,15}$/;

function wholeNumber(raw: string, min: number, max: number): number | null {
  const t = raw.trim();
  if (!DIGITS.test(t)) return null;
  const v = Number(t);
  return v >= min && v <= max ? v : null;
}

/**
 * Reads the view keys of a query string against the settings in force (which bound `at`,
 * `row` and `clause`). Other keys are left to url.ts; each bad or repeated view key gets a
 * note, e.g. "row: Must be a whole number from 0 to 15."
 */
export function viewFromQuery(query: string, s: Settings): { view: ViewState; ignored: string[] } {
  const params = new URLSearchParams(query);
  const raw = new Map<ViewKey, string>();
  const repeated = new Set<ViewKey>();
  const ignored: string[] = [];
  for (const [key, value] of params) {
    if (!isViewKey(key)) continue;
    if (!raw.has(key)) raw.set(key, value);
    else if (!repeated.has(key)) {
      repeated.add(key);
      ignored.push(`${key}: given more than once; the first value is used.`);
    }
  }
  const view: ViewState = { ...NO_VIEW };
  const int = (key: 'at' | 'view' | 'row' | 'clause' | 'tour', min: number, max: number): number | null => {
    const text = raw.get(key);
    if (text === undefined) return null;
    const v = wholeNumber(text, min, max);
    if (v === null) ignored.push(`${key}: Must be a whole number from ${min} to ${max}.`);
    return v;
  };
  const panel = raw.get('panel');
  if (panel !== undefined) {
    if (isPanelId(panel.trim())) view.panel = panel.trim() as PanelId;
    else ignored.push(`panel: Choose one of ${PANEL_IDS.join(', ')}.`);
  }
  view.at = int('at', 0, s.steps);
  view.view = int('view', 0, view.at ?? s.steps);
  view.row = int('row', 0, s.m - 1);
  view.clause = int('clause', 0, s.K - 1);
  view.tour = int('tour', 1, TOUR_STEPS);
  view.embed = raw.has('embed');
  view.present = raw.has('present');
  const speed = raw.get('speed');
  if (speed !== undefined) {
    const r = parseSpeed(speed);
    if ('error' in r) ignored.push(`speed: ${r.error}`);
    else view.speed = r.value ?? 'max';
  }
  return { view, ignored };
}

/** The store's speed (null = max) for a view's: the default when the link does not say. */
export function speedOfView(v: ViewState): number | null {
  return v.speed === null ? DEFAULT_SPEED : v.speed === 'max' ? null : v.speed;
}

/** A view's speed for the store's: null (not written) at the default. */
export function viewSpeed(speed: number | null): ViewState['speed'] {
  return speed === DEFAULT_SPEED ? null : (speed ?? 'max');
}

/**
 * Query string (without "?") with the view's non-default keys set and every other parameter
 * of `base` kept (the settings among them). Flags are written as `embed=1`, `present=1`.
 */
export function viewToQuery(v: ViewState, base: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams(base);
  for (const key of VIEW_KEYS) {
    params.delete(key);
    const value = v[key];
    if (value === null || value === false) continue;
    params.set(key, value === true ? '1' : String(value));
  }
  return params.toString();
}
