/**
 * `merge FILES… --out FILE`: the shards of one sweep joined into the file the whole sweep would
 * have written, byte for byte (the parts are merged by the engine's own order, labParts.ts, and
 * the claims computed again over all of them). Files of another task, other settings, another
 * dense run or another split are refused with a message naming the file and what differs; so
 * are a shard given twice and a missing one.
 */
import type { AnyOutput } from '../engine/labs/labParts';
import { readShardFile, type ShardFile } from './fromFile';
import { InputError } from './plan';
import type { SweepRecord } from './sweep';

/** What must be equal across the shards of one sweep, as comparable text. */
function identity(f: ShardFile, text: string) {
  const file = JSON.parse(text) as { config: unknown; clauses: unknown };
  return {
    task: f.record.task,
    lab: JSON.stringify(f.record.lab),
    config: JSON.stringify(file.config),
    clauses: JSON.stringify(file.clauses),
    split: `${f.record.parts} parts in ${f.record.shard?.count} shards`,
  };
}

const WHAT: Record<keyof ReturnType<typeof identity>, string> = {
  task: 'task differs',
  lab: 'lab settings differ',
  config: 'run settings (config) differ',
  clauses: 'clauses differ',
  split: 'split differs',
};

/** Joins the shard files (name and text each); throws an InputError whose message says what is wrong. */
export function mergeShards(files: readonly { name: string; text: string }[]): { record: SweepRecord; shard: ShardFile; outputs: AnyOutput[] } {
  const shards = files.map((f) => ({ name: f.name, shard: readShardFile(f.name, f.text), text: f.text }));
  const first = shards[0];
  const want = identity(first.shard, first.text);
  const seen = new Map<number, string>();
  for (const s of shards) {
    const { record } = s.shard;
    if (!record.shard) throw new InputError(`${s.name}: holds a whole ${record.task} sweep, not a shard of one; there is nothing to merge it with.`);
    const got = identity(s.shard, s.text);
    for (const key of Object.keys(want) as (keyof typeof want)[]) {
      if (got[key] !== want[key]) {
        const detail = key === 'task' || key === 'split' ? ` (${got[key]}, not ${want[key]})` : '';
        throw new InputError(`${s.name}: not a shard of the same sweep as ${first.name}: its ${WHAT[key]}${detail}.`);
      }
    }
    const before = seen.get(record.shard.index);
    if (before !== undefined) throw new InputError(`${s.name}: shard ${record.shard.index}/${record.shard.count} is given twice (also ${before}).`);
    seen.set(record.shard.index, s.name);
  }
  const count = first.shard.record.shard!.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new InputError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of the ${first.shard.record.task} sweep ${missing.length > 1 ? 'are' : 'is'} missing; give every shard.`,
    );
  const outputs = shards.flatMap((s) => s.shard.outputs).sort((a, b) => a.index - b.index);
  return { record: { ...first.shard.record, shard: null }, shard: first.shard, outputs };
}
