/**
 * Reading what another window posted, as plain data only: own fields and array elements are
 * read from their property descriptors, so no getter, proxy trap or toString of the sender's
 * runs. Each reader refuses (throws a Refusal, which parseCommand in messages.ts turns into the
 * error it answers) with a message naming what it read.
 */
import { echo } from '../state/url';

export class Refusal {
  constructor(readonly message: string) {}
}
export function refuse(message: string): never {
  throw new Refusal(message);
}

/**
 * A plain object's own fields, read from their property descriptors (no getter runs). Refuses
 * arrays, class instances, objects of another prototype, symbol keys, getters and setters.
 */
export function plainFields(x: unknown, what: string): Map<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) refuse(`${what} must be a plain object.`);
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) refuse(`${what} must be a plain object (not a class instance or one with another prototype).`);
  const fields = new Map<string, unknown>();
  for (const key of Reflect.ownKeys(x)) {
    if (typeof key === 'symbol') refuse(`${what} must have only text keys.`);
    const d = Object.getOwnPropertyDescriptor(x, key);
    if (!d || !('value' in d) || !d.enumerable) refuse(`${what}: “${echo(key)}” must be a plain value (not a getter or hidden).`);
    fields.set(key, d.value);
  }
  return fields;
}

/** A real array's elements, at most `max`, read from descriptors; no holes or other properties. */
export function plainArray(x: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(x) || Object.getPrototypeOf(x) !== Array.prototype) refuse(`${what} must be an array.`);
  const length = x.length;
  if (length === 0 || length > max) refuse(`${what} must have from 1 to ${max} entries.`);
  const keys = Reflect.ownKeys(x);
  if (keys.length !== length + 1) refuse(`${what} must be a plain array (no holes or extra properties).`);
  const out: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const d = Object.getOwnPropertyDescriptor(x, i);
    if (!d || !('value' in d)) refuse(`${what} must be a plain array (no holes or getters).`);
    out.push(d.value);
  }
  return out;
}

export const isWhole = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
export const isFraction = (v: unknown): v is number => typeof v === 'number' && v > 0 && v < 1;

export function wholeNumber(v: unknown, what: string, min: number, max: number): number {
  if (!isWhole(v, min, max)) refuse(`${what} must be a whole number from ${min} to ${max}.`);
  return v === 0 ? 0 : v; // no -0
}

export function distinct<T>(list: T[], what: string): T[] {
  list.forEach((v, i) => list.indexOf(v) !== i && refuse(`${what} must not repeat ${JSON.stringify(v)}.`));
  return list;
}
