/**
 * The PyTorch anchor's section of docs/BENCHMARKS.md: the app's full default run and default
 * probe comparison, measured in the same bench run, beside the same work in PyTorch on the same
 * machine (bench/anchor/*.py), and their ratios against the project's target. Pure: every
 * number comes from the results passed in. bench/anchor.mjs bundles this file for run.mjs.
 */

/** The app should be at least this many times as fast as PyTorch on both measures. */
export const ANCHOR_TARGET_RATIO = 1.5;
export const ANCHOR_HEADING = '### PyTorch anchor: the same training in PyTorch on this machine';
export const ANCHOR_ABSENT = 'PyTorch anchor not run: python3 with torch not found — install python3-torch';

export interface SingleRunAnchor {
  torch: string;
  blas: string;
  threads: number;
  steps: number;
  repeats: number;
  stepsPerSecond: number[];
  median: number;
  withEval: { every: number; testSize: number; stepsPerSecond: number[]; median: number };
  /** Training alone: every step's batch drawn before the clock (absent from older results). */
  predrawn?: { stepsPerSecond: number[]; median: number };
}
export interface BatchedAnchor {
  threads: number;
  wallSeconds: number;
  /** CPU time of the Python process over the same span (all its threads). */
  cpuSeconds: number;
  modelSteps: number;
  modelStepsPerSecond: number;
}
/** What bench/anchor.mjs measured: not run (and why), or each script's result or error. */
export type AnchorResult = { available: false; reason: string } | { available: true; single: SingleRunAnchor | { error: string }; batched: (BatchedAnchor | { error: string })[] | null };

/** The app's figures from the same bench run (bench/pacing.mjs measureFullRun, bench/lab.mjs measureLab). */
export interface AppFigures {
  fullRun: { steps: number; wallMs: number; backend: string } | null;
  comparison: { wallMs: number; count: number; backend: string } | null;
}

const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const secs = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} s` : '—');
const failed = <T extends object>(r: T | { error: string }): r is { error: string } => 'error' in r;

/** "2.10× (target 1.5×: met)"; the ratio is how many times faster the app is than PyTorch. */
export function ratioText(appOverTorch: number): string {
  if (!Number.isFinite(appOverTorch)) return '—';
  const verdict = appOverTorch >= ANCHOR_TARGET_RATIO ? 'met' : `missed: ${((ANCHOR_TARGET_RATIO / appOverTorch - 1) * 100).toFixed(0)}% short`;
  return `${appOverTorch.toFixed(2)}× (target ≥ ${ANCHOR_TARGET_RATIO}×: ${verdict})`;
}

/** The fastest of the batched runs (1 or 2 threads), or null when none finished. */
export function bestBatched(batched: (BatchedAnchor | { error: string })[] | null): BatchedAnchor | null {
  const ok = (batched ?? []).filter((b): b is BatchedAnchor => !failed(b));
  return ok.length ? ok.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a)) : null;
}

export function anchorSection(anchor: AnchorResult, app: AppFigures): string {
  const appRate = app.fullRun ? app.fullRun.steps / (app.fullRun.wallMs / 1000) : NaN;
  const appRun = app.fullRun ? `${int(appRate)} steps/s (${secs(app.fullRun.wallMs / 1000)} for ${int(app.fullRun.steps)} steps, ${app.fullRun.backend})` : 'not measured';
  const appLab = app.comparison ? `${secs(app.comparison.wallMs / 1000)} (${int(app.comparison.count)} masks, ${app.comparison.backend})` : 'not measured';
  const lines = [ANCHOR_HEADING, ''];
  if (!anchor.available) {
    lines.push(`**${anchor.reason}.** The app's figures from this run: full default run ${appRun}; default probe comparison ${appLab}.`);
    return lines.join('\n');
  }
  const single = anchor.single;
  const best = bestBatched(anchor.batched);
  const torchRun = failed(single) ? `failed: ${single.error}` : `${int(single.median)} steps/s (1 thread)`;
  const torchLab = best
    ? `${secs(best.wallSeconds)} (best of ${anchor.batched?.map((b) => (failed(b) ? 'a failed run' : `${b.threads} thread${b.threads === 1 ? '' : 's'}`)).join(' and ')})`
    : anchor.batched === null
      ? 'not run (--quick)'
      : 'failed';
  lines.push(
    '| measure | app | PyTorch | app ÷ PyTorch (speed) |',
    '|---|---:|---:|---|',
    `| full default run | ${appRun} | ${torchRun} | ${failed(single) ? '—' : ratioText(appRate / single.median)} |`,
  );
  if (!failed(single)) {
    lines.push(`| the same, PyTorch with the app's bookkeeping | | ${int(single.withEval.median)} steps/s | ${Number.isFinite(appRate) ? `${(appRate / single.withEval.median).toFixed(2)}×` : '—'} |`);
    if (single.predrawn) {
      lines.push(
        `| the same, PyTorch training alone (every batch drawn before the clock) | | ${int(single.predrawn.median)} steps/s | ${Number.isFinite(appRate) ? `${(appRate / single.predrawn.median).toFixed(2)}×` : '—'} |`,
      );
    }
  }
  lines.push(`| default probe comparison | ${appLab} | ${torchLab} | ${best && app.comparison ? ratioText(best.wallSeconds / (app.comparison.wallMs / 1000)) : '—'} |`, '');
  const torch = failed(single) ? '' : `PyTorch ${single.torch} (BLAS: ${single.blas}), float32. `;
  if (!failed(single)) {
    lines.push(
      `${torch}Single run: idiomatic PyTorch on one thread (nn.Linear, ReLU, BCEWithLogitsLoss, torch.optim.Adam with the app's defaults), each batch drawn on the fly with torch ops from the app's clauses; steps/s is ${int(single.steps)} over the wall time of the training loop, median of ${single.repeats} fresh run${single.repeats === 1 ? '' : 's'} (${int(Math.min(...single.stepsPerSecond))}–${int(Math.max(...single.stepsPerSecond))}). "With the app's bookkeeping" also copies the weights and scores an ${int(single.withEval.testSize)}-sample test set every ${single.withEval.every} steps, as the app's full run does (median ${int(single.withEval.median)}, ${int(Math.min(...single.withEval.stepsPerSecond))}–${int(Math.max(...single.withEval.stepsPerSecond))}).${single.predrawn ? ` "Training alone" draws all ${int(single.steps)} batches before the clock, so it times only the model, loss and Adam: PyTorch's best case, without the sampling the app's run includes (median ${int(single.predrawn.median)}, ${int(Math.min(...single.predrawn.stepsPerSecond))}–${int(Math.max(...single.predrawn.stepsPerSecond))}). The three variants' repeats are interleaved.` : ''}`,
      '',
    );
  }
  if (anchor.batched) {
    const runs = anchor.batched.map((b) =>
      failed(b) ? `failed: ${b.error}` : `${b.threads} thread${b.threads === 1 ? '' : 's'} ${secs(b.wallSeconds)} (${int(b.modelStepsPerSecond)} model-steps/s; CPU time ${secs(b.cpuSeconds)})`,
    );
    const steps = best ? int(best.modelSteps) : '—';
    lines.push(
      `Batched comparison: the same ${steps} model-steps as the app's comparison (comparisonPlan: the extra seeds' dense runs, the IMP rounds, every mask's 3,000-step retrain), in PyTorch with torch.bmm over stacked models and masked Adam (weights used as W ⊙ mask, so gradients are masked too): the extra dense runs together, each IMP round for every seed at once (real global magnitude pruning), then all masks' retrains at once. The retrain masks are random with each sparsity's kept count (the probes that choose them are not reimplemented: this times training). ${runs.join('; ')}.`,
      '',
    );
  }
  lines.push(
    'Ratios are app speed over PyTorch speed (for the comparison, PyTorch wall time over app wall time), both measured in this run; the machine section gives the load average at its start and end.',
  );
  return lines.join('\n');
}
