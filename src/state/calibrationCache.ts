/**
 * Where the page keeps `auto`'s calibrations (worker/calibration.ts) between visits: in
 * localStorage, which the worker cannot read. One entry holds every device's, newest first,
 * each under its key (WebGL renderer + user agent: a browser update or another GPU measures
 * afresh). The page hands them all to every new worker (client.ts's greeting); the worker
 * uses its own device's. Whatever storage holds is checked on reading: a malformed entry is
 * dropped, and a full or forbidden storage only means measuring again next time.
 */
import { isCalibration, type Calibration } from '../worker/calibration';

export const CALIBRATION_STORAGE_KEY = 'lottery-lens.calibrations.v1';
/** Devices kept at most (one browser profile rarely sees more than a few renderers). */
export const MAX_KEPT_CALIBRATIONS = 8;

/** The part of Web Storage used here (a Map-backed fake in the tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Every well-formed calibration kept, newest first; [] when there is none or storage cannot be read. */
export function keptCalibrations(storage: KeyValueStorage | null): Calibration[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(CALIBRATION_STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isCalibration) : [];
  } catch {
    return [];
  }
}

function write(storage: KeyValueStorage, list: Calibration[]): void {
  try {
    if (list.length === 0) storage.removeItem(CALIBRATION_STORAGE_KEY);
    else storage.setItem(CALIBRATION_STORAGE_KEY, JSON.stringify(list));
  } catch {
    // Storage full or forbidden (a sandboxed frame): the next visit measures again.
  }
}

/** Keeps `c` as its device's calibration (replacing an older one of the same key), newest first. */
export function keepCalibration(storage: KeyValueStorage | null, c: Calibration): void {
  if (!storage) return;
  const others = keptCalibrations(storage).filter((k) => k.key !== c.key);
  write(storage, [c, ...others].slice(0, MAX_KEPT_CALIBRATIONS));
}

/** Forgets the calibration of device `key` (re-measure); the others stay. */
export function forgetCalibration(storage: KeyValueStorage | null, key: string): void {
  if (!storage) return;
  write(
    storage,
    keptCalibrations(storage).filter((k) => k.key !== key),
  );
}
