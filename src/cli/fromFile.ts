/**
 * A shard file read back into what wrote it: the dense run (its snapshots re-kept by the
 * worker's RunHistory, which re-scores and re-reads them exactly as training did) and each
 * part's output (tickets and seed runs as the engine's result types). Weights round-trip
 * exactly: a float32 written as JSON's shortest decimal parses back to the same float32.
 */
import { buildExperiment } from '../engine/core/experiment';
import type { Masks, Params } from '../engine/core/types';
import type { AnyOutput } from '../engine/labs/labParts';
import type { TicketResult } from '../engine/labs/lotteryExperiment';
import type { ComparisonResult, SeedRun } from '../engine/labs/probeComparison';
import { keptBudget, supportedLocations } from '../engine/lottery';
import type { Reexpression } from '../engine/lottery/reexpression';
import type { MethodId } from '../engine/probes/registry';
import type { NestedParams } from '../engine/runFile/format';
import { experimentConfig, featureSettings, type Settings } from '../settings/settings';
import { importRunText } from '../worker/runFileIO';
import { RunHistory } from '../worker/runHistory';
import type { DenseRun } from './denseRun';
import { ownRun } from './denseRun';
import { InputError, type LabSettingsOf } from './plan';
import type { SweepRecord } from './sweep';

interface TicketJson {
  method: string;
  role: string;
  sparsity: number;
  kept: number;
  round?: number;
  rewindStep: number;
  seed: number;
  mask: { W1: number[][]; W2: number[][] };
  final: NestedParams;
  balancedAccuracy: number;
  exactMatch: number;
  codes: number[][];
  codeRecovery?: number;
  familyRecovery?: number | null;
  reexpression: Reexpression[];
}
type SeedRunJson = Omit<SeedRun, 'init' | 'final'> & { init: NestedParams; final: NestedParams };

export interface ShardFile {
  dense: DenseRun;
  record: SweepRecord;
  outputs: AnyOutput[];
}

const params = (p: NestedParams): Params => ({ W1: Float32Array.from(p.W1.flat()), b1: Float32Array.from(p.b1), W2: Float32Array.from(p.W2.flat()), b2: Float32Array.from(p.b2) });
const masks = (m: { W1: number[][]; W2: number[][] }): Masks => ({ W1: Uint8Array.from(m.W1.flat()), W2: Uint8Array.from(m.W2.flat()) });

/** Reads a run file written by the command line; throws an InputError with a message for the user. */
export function readShardFile(name: string, text: string): ShardFile {
  const imported = importRunText(text, 'fused-wasm');
  if (!imported.ok) throw new InputError(`${name}: ${imported.error}`);
  const file = imported.run.file as unknown as { sweep?: SweepRecord; tickets: TicketJson[]; seedRuns?: SeedRunJson[]; config: { backend: string } };
  const record = file.sweep;
  if (!record || typeof record !== 'object' || !record.task)
    throw new InputError(`${name}: not a file of a lottery-lens sweep (it has no "sweep" field); merge joins files written by the command line with --shard.`);
  const settings = { ...imported.settings, backend: file.config.backend } as Settings;
  const experiment = buildExperiment(experimentConfig(settings), imported.run.clauses);
  const history = new RunHistory(experiment, featureSettings(settings), settings.snapshotEvery, Math.max(2, imported.run.snapshots.length + 1));
  for (const s of imported.run.snapshots) history.keep(s.step, s.params);
  const dense: DenseRun = { settings, experiment, history };
  return { dense, record, outputs: outputsOf(record, dense, file.tickets, file.seedRuns ?? []) };
}

/** Each part's output in the file, by the seed that names its part. */
function outputsOf(record: SweepRecord, dense: DenseRun, tickets: TicketJson[], seedRuns: SeedRunJson[]): AnyOutput[] {
  const { shape, task } = dense.experiment;
  const own = ownRun(dense);
  const seedRunOf = (seed: number): SeedRun | undefined => {
    if (seed === own.seed) return own;
    const s = seedRuns.find((r) => r.seed === seed);
    return s && { ...s, init: params(s.init), final: params(s.final) };
  };
  const from = record.shard?.from ?? 0;
  const to = record.shard?.to ?? record.parts;
  const seeds = record.task === 'seeds' ? [...new Set((record.lab as LabSettingsOf<'seeds'>).seeds)].filter((s) => s !== own.seed) : ((record.lab as { seeds: number[] } | null)?.seeds ?? []);
  const outputs: AnyOutput[] = [];
  for (let index = from; index < to; index++) {
    const seed = seeds[index];
    const run = seedRunOf(seed);
    if (!run) throw new InputError(`the file has no dense run of seed ${seed}, one of its parts.`);
    const mine = tickets.filter((t) => t.seed === seed);
    const supported = (m: Masks) => supportedLocations(m, task.clauses, shape);
    if (record.task === 'compare') {
      const results: ComparisonResult[] = mine.map((t) => {
        const m = masks(t.mask);
        return {
          method: t.method as MethodId,
          seed: t.seed,
          sparsity: t.sparsity,
          kept: t.kept,
          masks: m,
          final: params(t.final),
          balancedAccuracy: t.balancedAccuracy,
          exactMatch: t.exactMatch,
          codes: t.codes,
          codeRecovery: t.codeRecovery!,
          familyRecovery: t.familyRecovery ?? Number.NaN,
          reexpression: t.reexpression,
          choices: null,
          supported: supported(m),
        };
      });
      outputs.push({ index, dense: [run], results, done: true });
    } else if (record.task === 'lottery') {
      const lab = record.lab as LabSettingsOf<'lottery'>;
      const targets = new Set(lab.sparsities.map((s) => keptBudget(s, shape)));
      const results: TicketResult[] = mine.map((t) => {
        const m = masks(t.mask);
        const method = t.role === 'ticket' ? 'ticket' : t.method === 'random' ? 'random-mask' : 'reinit';
        const { codeRecovery: _c, familyRecovery: _f, role: _r, mask: _m, ...rest } = t;
        return { ...rest, method, mode: lab.mode, round: t.round!, target: targets.has(t.kept), masks: m, final: params(t.final), supported: supported(m) };
      });
      // The weights at the rewind step only trained the tickets; the file (and so a merge) never needs them.
      outputs.push({ index, dense: [run as SeedRun & { atRewind: Params }], results, done: true });
    } else
      outputs.push({
        index,
        dense: [],
        results: [{ seed: run.seed, dataSeed: run.dataSeed, init: run.init, final: run.final, balancedAccuracy: run.balancedAccuracy, exactMatch: run.exactMatch }],
        done: true,
      });
  }
  return outputs;
}
