/**
 * The usage text, written from the settings schema and the lab schema (so a new setting shows
 * up here by itself): every key with its default and range or options.
 */
import { LAB_FIELDS, LAB_SCHEMA, type LabEntry, type LabKey } from '../settings/labSchema';
import { type Field, fmt, SCHEMA, SETTING_KEYS } from '../settings/settings';
import { PAGE_ONLY_SETTINGS } from './args';
import { CLI_BACKENDS, MAX_CLI_SEEDS } from './plan';

function settingLine(key: string, f: Field): string {
  if (key === 'backend') return `  --backend ${CLI_BACKENDS.join('|')}  (default fused-wasm)`;
  const range = f.kind === 'choice' ? f.options.join('|') : f.kind === 'int' ? `${f.min}..${f.max}` : `${fmt(f.min)}..${fmt(f.max)}`;
  return `  --${key} ${range}  ${f.label} (default ${f.default})`;
}

function labLine(key: LabKey): string {
  const f: LabEntry = LAB_SCHEMA[key];
  if (f.kind === 'seeds') return `  --seeds LIST       seeds, e.g. 1..8 or 2,5,9 (the first is the dense run's init seed; at most ${MAX_CLI_SEEDS})`;
  if (f.kind === 'choice') return `  --${key} ${f.options.join('|')}  ${f.label} (default ${f.default})`;
  if (f.kind === 'methods') return `  --methods LIST     from ${f.options.join(',')} (default ${f.default.join(',')})`;
  if (f.kind === 'fractions') return `  --sparsities LIST  e.g. 0.8,0.9 (default ${f.default.join(',')})`;
  return `  --${key} ${f.min}..${f.max}  ${f.label} (default ${f.default})`;
}

export function usage(): string {
  return [
    'Usage: lottery-lens <command> [--key value ...]',
    '',
    'Commands (each trains the dense run first, on every core):',
    '  run                  the dense run alone',
    '  lottery              the lottery lab: prune, rewind, retrain, with two controls',
    '  compare              the probe comparison: every method at every sparsity and seed',
    '  seeds                claims 1 and 2 across seeds (default 8 seeds)',
    '  merge FILES... --out FILE   join the shards of one sweep',
    '',
    'Output and work:',
    '  --out FILE           the run file (the app imports it: Import run...)',
    '  --csv FILE           one row per result, for a notebook',
    '  --threads N          worker threads (default: every core)',
    '  --shard i/N          run the i-th of N disjoint parts (parts are seeds); join with merge',
    '  --quiet              no progress on stderr',
    '',
    'Run settings (the URL keys of the app):',
    ...SETTING_KEYS.filter((k) => !Object.hasOwn(PAGE_ONLY_SETTINGS, k)).map((k) => settingLine(k, SCHEMA[k])),
    '  --clauses TEXT       edited clauses, as in the URL (e.g. 3.n7.12_1.2.n5)',
    '',
    'lottery:',
    ...LAB_FIELDS.lottery.map(labLine),
    '',
    'compare:',
    ...LAB_FIELDS.comparison.map(labLine),
    '',
    'seeds:',
    labLine('seeds'),
    '',
    'Example: lottery-lens compare --methods distance,snip --sparsities 0.8,0.9 --seeds 1..3 --out cmp.json --csv cmp.csv',
    '',
  ].join('\n');
}
