/**
 * Run files in the worker: the current run written as SPEC 7 JSON, and a file read back into
 * settings + snapshots. Big runs are tens of megabytes of JSON, so both happen here, never on
 * the page's thread.
 */
import type { LabClaims } from '../engine/claims/labClaimsOf';
import type { SeedClaims, SweepRun } from '../engine/labs/seedSweep';
import { PRNG_NAME } from '../engine/core/prng';
import type { DenseRun, LotterySettings, TicketResult } from '../engine/labs/lotteryExperiment';
import type { ComparisonResult, ComparisonSettings, SeedRun } from '../engine/labs/probeComparison';
import { buildRunFile, nest, nestParams } from '../engine/runFile/build';
import type { RunConfig } from '../engine/runFile/format';
import { parseRunFile, type ParsedRun } from '../engine/runFile/parse';
import type { Clause } from '../engine/core/types';
import { labValueProblem } from '../settings/labSchema';
import { DEFAULTS, SCHEMA, crossFieldErrors, parseField, type SettingKey, type Settings } from '../settings/settings';
import type { RunHistory } from './runHistory';

/**
 * What the labs in a file ran with (SPEC 7: the config records these, never a default that did
 * not run): the lottery's and the comparison's settings, given when the file holds their
 * results, and the ε the page judges the tickets by.
 */
export interface LabsRan {
  lottery?: LotterySettings;
  comparison?: ComparisonSettings;
  eps?: number;
}

export function runConfigOf(s: Settings, backend: string, ran: LabsRan = {}): RunConfig {
  const { lottery, comparison, eps } = ran;
  return {
    n: s.n,
    K: s.K,
    k: s.k,
    m: s.m,
    p: s.p,
    q: s.q,
    tau: s.tau,
    tauOut: s.tauOut,
    r: s.r,
    optimizer: s.optimizer,
    lr: s.lr,
    adamEpsilon: s.adamEpsilon,
    batch: s.batch,
    steps: s.steps,
    lambda: comparison?.lambda ?? null,
    motionSteps: comparison?.motionSteps ?? null,
    prng: PRNG_NAME,
    seeds: { task: s.seedTask, init: s.seedInit, data: s.seedData, test: s.seedTest },
    snapshotEvery: s.snapshotEvery,
    precursorReadout: s.precursorReadout,
    backend,
    ...(lottery && {
      lottery: { mode: lottery.mode, scope: lottery.scope, rewindStep: lottery.rewindStep, ...(eps !== undefined && labValueProblem('eps', eps) === null && { eps }) },
    }),
  };
}

/** Run-file method ids (shared with the probe comparison): the ticket is named by how it was found. */
function methodId(t: TicketResult): string {
  if (t.method === 'ticket') return t.mode === 'imp' ? 'imp' : 'oneshot';
  return t.method === 'random-mask' ? 'random' : 'reinit';
}

function ticketEntry(t: TicketResult, n: number) {
  const m = t.final.b1.length;
  const K = t.final.b2.length;
  return {
    method: methodId(t),
    role: t.method === 'ticket' ? 'ticket' : 'control',
    sparsity: t.sparsity,
    kept: t.kept,
    round: t.round,
    rewindStep: t.rewindStep,
    seed: t.seed,
    mask: { W1: nest(t.masks.W1, m, n), W2: nest(t.masks.W2, K, m) },
    final: nestParams(t.final, n),
    balancedAccuracy: t.balancedAccuracy,
    exactMatch: t.exactMatch,
    codes: t.codes,
    reexpression: t.reexpression,
  };
}

/** A probe-comparison result as a run-file ticket (method ids as in the comparison, SPEC 6). */
function comparisonEntry(r: ComparisonResult, n: number) {
  const m = r.final.b1.length;
  const K = r.final.b2.length;
  return {
    method: r.method,
    role: 'comparison',
    sparsity: r.sparsity,
    kept: r.kept,
    rewindStep: 0,
    seed: r.seed,
    mask: { W1: nest(r.masks.W1, m, n), W2: nest(r.masks.W2, K, m) },
    final: nestParams(r.final, n),
    balancedAccuracy: r.balancedAccuracy,
    exactMatch: r.exactMatch,
    codes: r.codes,
    codeRecovery: r.codeRecovery,
    familyRecovery: Number.isNaN(r.familyRecovery) ? null : r.familyRecovery,
    reexpression: r.reexpression,
  };
}

/** What the labs found about a run, written into its run file. */
export interface LabFindings {
  tickets: readonly TicketResult[];
  /** The lottery lab's dense runs (only what the file records of them: no weights at the rewind step). */
  denseRuns: readonly Omit<DenseRun, 'atRewind'>[];
  comparison: readonly ComparisonResult[];
  seedRuns: readonly SeedRun[];
  /** The settings the labs ran with (recorded only for a lab whose results are in the file), and the page's ε. */
  lotterySettings?: LotterySettings;
  comparisonSettings?: ComparisonSettings;
  eps?: number;
  /** Claims across seeds (SPEC 8) and the extra seeds' dense runs behind them, at the file's settings. */
  sweep?: { claims: SeedClaims; runs: (SweepRun & { finalCodes: number[][] })[] } | null;
  /** Claims 3-5 of the comparison, and claim 3-4 of the lottery lab's target tickets. */
  comparisonClaims?: LabClaims | null;
  lotteryClaims?: LabClaims | null;
}

export function exportRunText(settings: Settings, backend: string, clauses: Clause[], history: RunHistory, final: boolean, labs: LabFindings): string {
  const analysis = history.analysis();
  if (!analysis) throw new Error('There is no run to export yet.');
  const file = buildRunFile({
    config: runConfigOf(settings, backend, {
      lottery: labs.tickets.length > 0 ? labs.lotterySettings : undefined,
      comparison: labs.comparison.length > 0 ? labs.comparisonSettings : undefined,
      eps: labs.eps,
    }),
    clauses,
    snapshots: history.kept,
    metrics: history.kept.map((k) => k.metrics),
    analysis,
    analysisFinal: final,
  });
  file.tickets = [...labs.tickets.map((t) => ticketEntry(t, settings.n)), ...labs.comparison.map((r) => comparisonEntry(r, settings.n))];
  const extra = [...labs.denseRuns, ...labs.seedRuns, ...(labs.sweep?.runs ?? [])].filter((d, i, all) => d.seed !== settings.seedInit && all.findIndex((e) => e.seed === d.seed) === i);
  if (extra.length > 0) {
    file.seedRuns = extra.map((d) => ({
      seed: d.seed,
      dataSeed: d.dataSeed,
      init: nestParams(d.init, settings.n),
      final: nestParams(d.final, settings.n),
      finalCodes: d.finalCodes,
      balancedAccuracy: d.balancedAccuracy,
      exactMatch: d.exactMatch,
    }));
  }
  const claims = claimsEntry(labs);
  if (claims) (file as { claims?: unknown }).claims = claims;
  return JSON.stringify(file);
}

/**
 * SPEC 8's `claims`: claims 1 and 2 from the seeds pooled, 3-5 from the labs (the lottery lab's
 * families and re-expression are marked lab: 'lottery'). Non-finite numbers (an empty bucket's
 * rate, a one-seed interval) are written as null.
 */
function claimsEntry(labs: LabFindings) {
  const c = labs.comparisonClaims;
  const l = labs.lotteryClaims;
  if (!labs.sweep && !c && !l) return null;
  const tag = <T extends object>(lab: string, xs: readonly T[] | undefined) => (xs ?? []).map((x) => ({ lab, ...x }));
  return {
    seeds: labs.sweep?.claims.seeds ?? [],
    ...(labs.sweep ? { proximity: labs.sweep.claims.proximity, rejection: labs.sweep.claims.rejection } : {}),
    ...(c || l
      ? {
          families: [...tag('comparison', c?.families), ...tag('lottery', l?.families)],
          reexpression: [...tag('comparison', c?.reexpression), ...tag('lottery', l?.reexpression)],
          probes: c?.probes ?? [],
        }
      : {}),
  };
}

export type ImportResult = { ok: true; run: ParsedRun; settings: Settings; final: boolean } | { ok: false; error: string };

/**
 * Parses a run file and maps its config onto this app's settings (keeping the chosen backend).
 * Never throws: a failure the checks did not foresee is still a message, and the run on screen
 * stays as it was.
 */
export function importRunText(text: string, backend: Settings['backend']): ImportResult {
  try {
    return importChecked(text, backend);
  } catch (e) {
    return { ok: false, error: `the file: could not be read (${String(e instanceof Error ? e.message : e).slice(0, 120)}).` };
  }
}

function importChecked(text: string, backend: Settings['backend']): ImportResult {
  const parsed = parseRunFile(text);
  if (!parsed.ok) return parsed;
  const c = parsed.run.config;
  const values: Record<SettingKey, unknown> = {
    ...DEFAULTS,
    n: c.n,
    K: c.K,
    k: c.k,
    m: c.m,
    p: c.p,
    q: c.q,
    tau: c.tau,
    tauOut: c.tauOut,
    r: c.r,
    optimizer: c.optimizer,
    lr: c.lr,
    adamEpsilon: c.adamEpsilon,
    batch: c.batch,
    steps: c.steps,
    seedTask: c.seeds.task,
    seedInit: c.seeds.init,
    seedData: c.seeds.data,
    seedTest: c.seeds.test,
    snapshotEvery: c.snapshotEvery ?? Math.max(1, Math.ceil(c.steps / 5000)),
    precursorReadout: c.precursorReadout ?? 'any',
    backend,
  };
  for (const key of Object.keys(SCHEMA) as SettingKey[]) {
    const r = parseField(key, String(values[key]));
    if ('error' in r) return { ok: false, error: `config.${configName(key)}: ${String(values[key])} is outside what this app runs. ${r.error}` };
  }
  const settings = values as Settings;
  const cross = crossFieldErrors(settings);
  const bad = Object.keys(cross)[0] as SettingKey | undefined;
  if (bad) return { ok: false, error: `config.${configName(bad)}: ${cross[bad]}` };
  return { ok: true, run: parsed.run, settings, final: parsed.run.file.analysis.final !== false };
}

function configName(key: SettingKey): string {
  return key.startsWith('seed') ? `seeds.${key.slice(4).toLowerCase()}` : key;
}
