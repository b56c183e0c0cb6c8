/**
 * Request ids: any command may carry an `id` (a finite number, or a string of at most
 * MAX_ID_CHARS characters), and the page echoes it on every reply to that command (`accepted`,
 * `state`, `run`, and `error`), so an article can match answers to its requests.
 *
 * The id is read first, before anything else of the message, so that even a refusal of the
 * rest of it (a wrong version, an unknown type, a bad field) carries the id back.
 */
import { refuse } from './plainData';

/** What an article may send as `id`, and gets back on the replies. */
export type ApiRequestId = string | number;

export const MAX_ID_CHARS = 100;

/** An id as given, if it is a valid one (else undefined: it cannot be echoed). -0 reads as 0. */
export function validRequestId(v: unknown): ApiRequestId | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v === 0 ? 0 : v;
  if (typeof v === 'string' && v.length <= MAX_ID_CHARS) return v;
  return undefined;
}

function kindOf(v: unknown): string {
  if (typeof v === 'string') return `a string of ${v.length} characters`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The id of a message's fields: undefined when there is none; refuses one that is not valid. */
export function readRequestId(fields: Map<string, unknown>): ApiRequestId | undefined {
  if (!fields.has('id')) return undefined;
  const v = fields.get('id');
  const id = validRequestId(v);
  if (id === undefined) refuse(`id: must be a finite number or a string of at most ${MAX_ID_CHARS} characters (got ${kindOf(v)}).`);
  return id;
}

/** `fields` with `id` added when there is one (no `id: undefined` key). */
export function withId<T extends object>(fields: T, id: ApiRequestId | undefined): T & { id?: ApiRequestId } {
  return id === undefined ? fields : { ...fields, id };
}
