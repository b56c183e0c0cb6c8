/**
 * The training speed the page asks of the worker: a target in steps per second, or null for as
 * fast as the backend goes ("max"). One contract for every way it is set, so the control on
 * screen, the URL (`speed=200`, `speed=max`) and the embed API (`speed {stepsPerSecond}`) accept
 * the same values and say the same thing about the rest.
 */

/** Slowest and fastest target speeds, in steps per second (max = null is always allowed). */
export const SPEED_MIN = 1;
export const SPEED_MAX = 100_000;
/** The speed a fresh page trains at (not written to the URL). */
export const DEFAULT_SPEED = 1000;

/** What a speed must be, as the URL's and the API's messages say it. */
export const SPEED_RULE = `max (as fast as it goes) or a number of steps per second from ${SPEED_MIN} to ${SPEED_MAX.toLocaleString('en-US')}`;

/** True for a target speed within the limits (a finite number; null, max, is checked apart). */
export function isSpeed(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= SPEED_MIN && v <= SPEED_MAX;
}

/** Plain decimals only: no sign, exponent or hex ("1e3", "0x10", "-5" are refused). */
const DECIMAL = /^[0-9]{1,6}(\.[0-9]{1,6})?$/;

/** Reads a speed as written in a URL: "max" (null) or a plain decimal within the limits. */
export function parseSpeed(raw: string): { value: number | null } | { error: string } {
  const t = raw.trim();
  if (t === 'max') return { value: null };
  const v = DECIMAL.test(t) ? Number(t) : Number.NaN;
  return isSpeed(v) ? { value: v } : { error: `Must be ${SPEED_RULE}.` };
}

/** A speed as the URL writes it: "max", or the number. */
export function speedToText(speed: number | null): string {
  return speed === null ? 'max' : String(speed);
}
