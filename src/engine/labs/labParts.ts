/**
 * A lab split by seed, so that its parts can run side by side (a pool of workers, a CLI's
 * shards) and still give exactly the numbers of the lab run in one piece. Every seed's work is
 * independent of every other seed's: its dense run, its IMP chain, its (seed, sparsity) cells,
 * its tickets and controls; and the batched trainers give a model the same bits whatever trains
 * beside it (batchedWasmTrainer.test.ts). So one part per seed, merged in the one-piece order:
 *
 *   split*(request) ──▶ LabPart[] (plain data: structured-clone it to a worker, JSON it to a shard)
 *   partLab(backend, experiment, features, part) ──advance(n)*──▶ partOutput(part, lab)
 *                                                  (or runPart(...) to the end in one call)
 *   merge*(outputs in part order) ──▶ what the one-piece lab holds, in its order
 *
 * A part's lab is the one-piece lab class for that seed alone: the first part carries the dense
 * run on show (`own`), every other part trains its seed's dense run itself (init seed s, data
 * stream s), as the one-piece lab's dense phase does. The merges take the outputs known so far
 * (finished or not) and return the longest run of results that the one-piece lab would have
 * produced first, so results can stream in order while later parts still train; with
 * `everything` (a lab stopped early), every result found, in the one-piece lab's relative order.
 *
 * One-piece order: the comparison is seed-major (seed, then sparsity, then method); the lottery
 * lab is round-major (IMP round, then seed, then pruning level, then ticket and its two
 * controls; one-shot has one round); claims across seeds list the extra seeds in request order.
 */
import type { FeatureSettings } from '../analysis/runAnalysis';
import type { Experiment } from '../core/experiment';
import { type DenseRun, LotteryExperiment, type LotterySettings, type TicketResult } from './lotteryExperiment';
import { type ComparisonResult, type ComparisonSettings, ProbeComparison, type SeedRun } from './probeComparison';
import { SeedSweep, type SweepRun } from './seedSweep';

export type ComparisonPart = { lab: 'comparison'; index: number; seed: number; settings: ComparisonSettings; own: SeedRun | null };
export type LotteryPart = { lab: 'lottery'; index: number; seed: number; settings: LotterySettings; own: DenseRun | null };
/** A seed sweep's part trains one extra seed; `main` (the run on show) only names the seed to skip. */
export type SeedsPart = { lab: 'seeds'; index: number; seed: number; main: SweepRun };
export type LabPart = ComparisonPart | LotteryPart | SeedsPart;

/** What one part has found so far: its seed's dense run (once known) and its results in its own order. */
export interface PartOutput<R, D> {
  index: number;
  dense: D[];
  results: R[];
  /** True once the part has run to its end. */
  done: boolean;
}
export type ComparisonOutput = PartOutput<ComparisonResult, SeedRun>;
export type LotteryOutput = PartOutput<TicketResult, DenseRun>;
export type SeedsOutput = PartOutput<SweepRun, never>;
export type AnyOutput = ComparisonOutput | LotteryOutput | SeedsOutput;

/** One part per seed of `settings.seeds` (its order); the first carries `own` (whose seed it is). */
export function splitComparison(settings: ComparisonSettings, own: SeedRun): ComparisonPart[] {
  return settings.seeds.map((seed, index) => ({ lab: 'comparison', index, seed, settings: { ...settings, seeds: [seed] }, own: index === 0 ? own : null }));
}

/** One part per seed of `settings.seeds` (its order); the first carries `own` (whose seed it is). */
export function splitLottery(settings: LotterySettings, own: DenseRun): LotteryPart[] {
  return settings.seeds.map((seed, index) => ({ lab: 'lottery', index, seed, settings: { ...settings, seeds: [seed] }, own: index === 0 ? own : null }));
}

/** One part per extra seed (distinct, `main`'s left out, request order), as SeedSweep trains them. */
export function splitSeeds(seeds: readonly number[], main: SweepRun): SeedsPart[] {
  return [...new Set(seeds)].filter((s) => s !== main.seed).map((seed, index) => ({ lab: 'seeds', index, seed, main }));
}

export type PartLab = ProbeComparison | LotteryExperiment | SeedSweep;

/** The lab that computes one part (advance it to `finished` like any lab). */
export function partLab(backend: string, experiment: Experiment, features: FeatureSettings, part: ComparisonPart): ProbeComparison;
export function partLab(backend: string, experiment: Experiment, features: FeatureSettings, part: LotteryPart): LotteryExperiment;
export function partLab(backend: string, experiment: Experiment, features: FeatureSettings, part: SeedsPart): SeedSweep;
export function partLab(backend: string, experiment: Experiment, features: FeatureSettings, part: LabPart): PartLab;
export function partLab(backend: string, experiment: Experiment, features: FeatureSettings, part: LabPart): PartLab {
  if (part.lab === 'comparison') return new ProbeComparison(backend, experiment, part.own, features, part.settings);
  if (part.lab === 'lottery') return new LotteryExperiment(backend, experiment, part.own, features, part.settings);
  return new SeedSweep(backend, experiment, part.main, [part.main.seed, part.seed]);
}

/** What a part's lab holds now (arrays copied; their elements shared). */
export function partOutput(part: LabPart, lab: PartLab): AnyOutput {
  const dense = lab instanceof ProbeComparison ? lab.seedRuns : lab instanceof LotteryExperiment ? lab.denseRuns : [];
  return { index: part.index, dense: [...dense], results: [...lab.results], done: lab.finished } as AnyOutput;
}

/** Runs a part to its end in one call (`chunk` steps per advance; the result does not depend on it). */
export function runPart(backend: string, experiment: Experiment, features: FeatureSettings, part: LabPart, chunk = 64): AnyOutput {
  const lab = partLab(backend, experiment, features, part);
  try {
    while (!lab.finished) lab.advance(chunk);
    return partOutput(part, lab);
  } finally {
    lab.dispose();
  }
}

/** Outputs in part order (by index; a missing one counts as nothing found yet). */
function ordered<O extends { index: number }>(outputs: readonly O[]): (O | undefined)[] {
  const byIndex: (O | undefined)[] = [];
  for (const o of outputs) byIndex[o.index] = o;
  return byIndex;
}

/** The parts' dense runs in part order, up to the first part whose dense run is not known yet (with `everything`: every one known). */
function densePrefix<D>(outputs: readonly (PartOutput<unknown, D> | undefined)[], parts: number, everything: boolean): D[] {
  const dense: D[] = [];
  for (let i = 0; i < parts; i++) {
    const o = outputs[i];
    if (!o || o.dense.length === 0) {
      if (everything) continue;
      break;
    }
    dense.push(...o.dense);
  }
  return dense;
}

/**
 * The comparison's seed runs and results as the one-piece lab orders them, as far as the
 * outputs so far allow: every part's results in part order, up to (and including) the first
 * part that has not finished. `parts`: how many parts the comparison was split into.
 */
export function mergeComparison(outputs: readonly ComparisonOutput[], parts: number, everything = false): { seedRuns: SeedRun[]; results: ComparisonResult[] } {
  const byIndex = ordered(outputs);
  const results: ComparisonResult[] = [];
  for (let i = 0; i < parts; i++) {
    const o = byIndex[i];
    if (o) results.push(...o.results);
    if (!o?.done && !everything) break;
  }
  return { seedRuns: densePrefix(byIndex, parts, everything), results };
}

/**
 * The lottery lab's dense runs and tickets as the one-piece lab orders them (round-major), as
 * far as the outputs so far allow: round r of a part follows round r of every earlier part and
 * every part's earlier rounds. A round's tickets arrive together (one phase), so a part that has
 * any of round r has all of it.
 */
export function mergeLottery(outputs: readonly LotteryOutput[], parts: number, everything = false): { denseRuns: DenseRun[]; results: TicketResult[] } {
  const byIndex = ordered(outputs);
  const results: TicketResult[] = [];
  const last = Math.max(0, ...outputs.flatMap((o) => o.results.map((t) => t.round)));
  rounds: for (let round = 1; round <= last; round++) {
    for (let i = 0; i < parts; i++) {
      const fresh = byIndex[i]?.results.filter((t) => t.round === round) ?? [];
      if (fresh.length === 0 && !everything) break rounds;
      results.push(...fresh);
    }
  }
  return { denseRuns: densePrefix(byIndex, parts, everything), results };
}

/** Claims across seeds' runs: `main`, then every extra seed's in request order; only once every part is done (the one-piece sweep finishes them together), or with `everything` those done. */
export function mergeSeeds(main: SweepRun, outputs: readonly SeedsOutput[], parts: number, everything = false): SweepRun[] {
  const byIndex = ordered(outputs);
  const all = Array.from({ length: parts }, (_, i) => byIndex[i]);
  return everything || all.every((o) => o?.done) ? [main, ...all.flatMap((o) => (o?.done ? o.results : []))] : [main];
}
