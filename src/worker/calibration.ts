/**
 * How `auto` picks a backend: by measurement, not by guess. On first use on a device the worker
 * times each candidate trainer for a few tens of milliseconds, once training one model (the
 * dense run) and once training BATCH_MODELS at once (the labs), and picks the fastest of each.
 * The page keeps the result per device (`calibrationKey`: WebGL renderer + user agent) in
 * localStorage and hands it to every new worker, so a device is measured once, until the user
 * asks to measure again.
 *
 *   candidates: webgl (a real GPU only), fused-wasm (WebAssembly SIMD only), fused-js (the fallback, where fused-wasm cannot run)
 *   candidates ──▶ skipped (no GPU, no SIMD, not needed: the reason is the figure's note)
 *              └─▶ timed in turn, each until its own deadline ──▶ rate, or "too slow to time"
 *   choice = the fastest timed rate per workload; none timed ──▶ the first CPU step not skipped:
 *            fused-wasm where SIMD validates (the fastest CPU path in docs/BENCHMARKS.md), else fused-js
 *
 * Every deadline lies within one budget (CALIBRATION_BUDGET_MS in all): the time left is shared
 * equally by the measurements still to come, and a candidate that cannot finish a timed step
 * in its share (a first step that compiles shaders) is reported too slow to time and loses.
 * The timer checks the clock between steps and never counts a step that ended past its
 * deadline; a step already running cannot be stopped, so what it overruns is taken from the
 * shares of those after it (webgl last: only its own). WebGL, the one whose first step
 * can overrun, is timed last, so it can only eat into its own share. Pure: the clock and the
 * timer are injected (calibrationTimers.ts has the real ones).
 */

/** The trainers `auto` chooses between. */
export const CANDIDATES = ['fused-wasm', 'fused-js', 'webgl'] as const;
export type Candidate = (typeof CANDIDATES)[number];
export type Workload = 'single' | 'batched';
export const WORKLOADS: readonly Workload[] = ['single', 'batched'];

/** The whole calibration's budget, every candidate and workload together. */
export const CALIBRATION_BUDGET_MS = 150;
/** Models the batched workload trains at once (a small lab). */
export const BATCH_MODELS = 16;
/** The least time worth giving one measurement. */
export const MIN_SHARE_MS = 1;
/** What `auto` trains on where nothing could be timed and WebAssembly SIMD is missing: the typed-array step runs everywhere. */
export const FALLBACK: Candidate = 'fused-js';

/** One candidate on one workload. `rate`: steps/s (single) or model-steps/s (batched); null unless timed. */
export interface Figure {
  candidate: Candidate;
  outcome: 'timed' | 'skipped' | 'tooSlow';
  rate: number | null;
  /** Why it was skipped or too slow; null when timed. */
  note: string | null;
}

export interface Calibration {
  /** The device it was measured on (calibrationKey). */
  key: string;
  single: Figure[];
  batched: Figure[];
  choice: Record<Workload, Candidate>;
  /** Wall time the whole calibration took, in ms (at most about budgetMs). */
  totalMs: number;
  budgetMs: number;
  /** Models the batched workload trained at once. */
  models: number;
}

/** A candidate to time, or the reason it is not. */
export type CandidatePlan = { candidate: Candidate; skip: string | null };

/**
 * What a timer reports: the rate reached before `deadline`, or why it could not time a step
 * (e.g. its first step took the whole budget). A timer checks the clock between steps; it
 * cannot stop a step already running, which is why the caller checks the deadline again.
 */
export type TimerResult = { rate: number } | { tooSlow: string };
export type Timer = (candidate: Candidate, workload: Workload, deadline: number) => TimerResult | Promise<TimerResult>;

/** The device a calibration belongs to: the worker's WebGL renderer and the browser's user agent. */
export function calibrationKey(renderer: string | null, userAgent: string): string {
  return `${renderer ?? 'no WebGL'}\n${userAgent}`;
}

/** Which candidates this device can time, and why the others are skipped. */
export function planCandidates(webgl: { renderer: string | null; software: boolean | null }, simd: boolean): CandidatePlan[] {
  const webglSkip = webgl.renderer === null ? 'skipped: no WebGL in this worker' : webgl.software !== false ? `skipped: ${webgl.renderer} is a software rasterizer (the CPU draws), not a GPU` : null;
  return [
    { candidate: 'fused-wasm', skip: simd ? null : 'skipped: this browser has no WebAssembly SIMD' },
    // The fallback: timed only where fused-wasm cannot run. Where both run, fused-wasm was about
    // 11× faster on every config and workload measured (docs/BENCHMARKS.md), and fused-js's cold
    // first step (the JIT's, 100-350 ms on a busy machine) alone would overrun the budget.
    { candidate: 'fused-js', skip: simd ? 'skipped: the fallback, timed only where fused-wasm cannot run' : null },
    // Last: its first step compiles shaders, and whatever it overruns is then its own loss.
    { candidate: 'webgl', skip: webglSkip },
  ];
}

/**
 * The fastest timed figure's candidate (the first listed on a tie). When none was timed (every
 * first step too slow for the budget, as on a busy machine), the first CPU step not skipped
 * (fused-wasm where SIMD validates), else FALLBACK: never webgl untimed.
 */
export function fastest(figures: readonly Figure[]): Candidate {
  let best: Figure | null = null;
  for (const f of figures) if (f.outcome === 'timed' && f.rate !== null && (best === null || f.rate > best.rate!)) best = f;
  return best?.candidate ?? figures.find((f) => f.outcome !== 'skipped' && f.candidate !== 'webgl')?.candidate ?? FALLBACK;
}

function ms(v: number): string {
  return `${Math.round(v)} ms`;
}

/**
 * Times every planned candidate on both workloads within `budgetMs`, and chooses. Each
 * measurement gets an equal share of the time then left; one that ends after its deadline (or
 * says it is too slow) is reported "too slow to time" and loses.
 */
export async function calibrate(plans: readonly CandidatePlan[], timer: Timer, opts: { key: string; now: () => number; budgetMs?: number; models?: number }): Promise<Calibration> {
  const { now, budgetMs = CALIBRATION_BUDGET_MS } = opts;
  const start = now();
  const end = start + budgetMs;
  const figures: Record<Workload, Figure[]> = { single: [], batched: [] };
  const timed = plans.filter((p) => p.skip === null);
  let left = timed.length * WORKLOADS.length;
  for (const { candidate, skip } of plans) {
    for (const workload of WORKLOADS) {
      if (skip !== null) {
        figures[workload].push({ candidate, outcome: 'skipped', rate: null, note: skip });
        continue;
      }
      const t0 = now();
      const share = Math.max(0, (end - t0) / left--);
      const deadline = t0 + share;
      // A share under MIN_SHARE_MS cannot time a step worth the name: the budget is spent.
      const r = share >= MIN_SHARE_MS ? await timer(candidate, workload, deadline) : { tooSlow: `no time left in the ${ms(budgetMs)} budget` };
      let note: string | null = null;
      if ('tooSlow' in r) note = r.tooSlow;
      else if (!(r.rate > 0) || !Number.isFinite(r.rate)) note = 'no step finished';
      figures[workload].push(
        note === null && 'rate' in r ? { candidate, outcome: 'timed', rate: r.rate, note: null } : { candidate, outcome: 'tooSlow', rate: null, note: `too slow to time: ${note}` },
      );
    }
  }
  return {
    key: opts.key,
    single: figures.single,
    batched: figures.batched,
    choice: { single: fastest(figures.single), batched: fastest(figures.batched) },
    totalMs: now() - start,
    budgetMs,
    models: opts.models ?? BATCH_MODELS,
  };
}

function isFigure(x: unknown): x is Figure {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  const known = (CANDIDATES as readonly unknown[]).includes(f.candidate) && ['timed', 'skipped', 'tooSlow'].includes(f.outcome as string);
  const rateOk = f.outcome === 'timed' ? typeof f.rate === 'number' && f.rate > 0 && Number.isFinite(f.rate) : f.rate === null;
  return known && rateOk && (f.note === null || typeof f.note === 'string');
}

/** True for a calibration of the shape above (one read back from storage may be anything). */
export function isCalibration(x: unknown): x is Calibration {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  const choice = c.choice as Record<string, unknown> | null;
  const candidate = (v: unknown) => (CANDIDATES as readonly unknown[]).includes(v);
  return (
    typeof c.key === 'string' &&
    Array.isArray(c.single) &&
    c.single.every(isFigure) &&
    Array.isArray(c.batched) &&
    c.batched.every(isFigure) &&
    typeof choice === 'object' &&
    choice !== null &&
    candidate(choice.single) &&
    candidate(choice.batched) &&
    typeof c.totalMs === 'number' &&
    typeof c.budgetMs === 'number' &&
    typeof c.models === 'number'
  );
}

/** This device's calibration among those the page kept (checked; a malformed one is ignored), or null. */
export function cachedFor(records: readonly unknown[], key: string): Calibration | null {
  for (const r of records) if (isCalibration(r) && r.key === key) return r;
  return null;
}
