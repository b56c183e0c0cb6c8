/** Test-only: the embed API's rules written again from the brief, independently of messages.ts, for the message fuzzer (messages.test.ts). */
import { METHOD_IDS } from '../engine/probes/methodIds';
import { PANEL_IDS } from '../state/panels';
import { SCHEMA, SETTING_KEYS, type Field, type SettingKey } from '../settings/settings';
import type { ApiCommand } from './messages';

/** The API's rules, written again from the brief, independently of messages.ts. */
export function isValidCommand(c: ApiCommand): boolean {
  const keys = Object.keys(c).sort().join(',');
  const whole = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
  const frac = (v: unknown) => typeof v === 'number' && v > 0 && v < 1;
  const distinctList = (l: unknown[]) => new Set(l).size === l.length;
  switch (c.type) {
    case 'play':
    case 'pause':
    case 'reset':
    case 'getState':
    case 'exportRun':
      return keys === 'type';
    case 'step':
      return keys === 'n,type' && whole(c.n, 1, 50000);
    case 'seek':
      return keys === 'step,type' && whole(c.step, 0, 50000);
    case 'setSettings':
      return (
        keys === 'settings,type' &&
        Object.getPrototypeOf(c.settings) === Object.prototype &&
        Object.keys(c.settings).length > 0 &&
        Object.entries(c.settings).every(([k, v]) =>
          (SETTING_KEYS as string[]).includes(k) && (SCHEMA[k as SettingKey] as Field).kind === 'choice'
            ? (SCHEMA[k as SettingKey] as { options: readonly unknown[] }).options.includes(v)
            : typeof v === 'number' && v >= (SCHEMA[k as SettingKey] as { min: number }).min && v <= (SCHEMA[k as SettingKey] as { max: number }).max,
        )
      );
    case 'select':
      return (
        ['clause,type', 'row,type', 'clause,row,type'].includes(keys) && (!('row' in c) || c.row === null || whole(c.row, 0, 127)) && (!('clause' in c) || c.clause === null || whole(c.clause, 0, 63))
      );
    case 'runLottery':
      return keys === 'imp,rewindStep,sparsity,type' && frac(c.sparsity) && whole(c.rewindStep, 0, 50000) && typeof c.imp === 'boolean';
    case 'runComparison':
      return (
        keys === 'methods,seeds,sparsities,type' &&
        c.methods.length >= 1 &&
        c.methods.every((m) => (METHOD_IDS as readonly string[]).includes(m)) &&
        distinctList(c.methods) &&
        c.sparsities.length >= 1 &&
        c.sparsities.length <= 5 &&
        c.sparsities.every(frac) &&
        distinctList(c.sparsities) &&
        c.seeds.length >= 1 &&
        c.seeds.length <= 5 &&
        c.seeds.every((x) => whole(x, 0, 2 ** 31 - 1)) &&
        distinctList(c.seeds)
      );
    case 'runSeeds':
      return keys === 'seeds,type' && whole(c.seeds, 2, 20);
    case 'speed':
      return keys === 'stepsPerSecond,type' && (c.stepsPerSecond === null || (typeof c.stepsPerSecond === 'number' && c.stepsPerSecond >= 1 && c.stepsPerSecond <= 100_000));
    case 'show':
      return keys === 'panel,type' && (PANEL_IDS as readonly string[]).includes(c.panel);
  }
}
