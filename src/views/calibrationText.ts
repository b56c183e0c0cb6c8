/**
 * The words the backend badge says about `auto`'s calibration (worker/calibration.ts), computed
 * from its figures, e.g. "auto → fused-wasm: 19,700 steps/s vs fused-js 9,100 steps/s, webgl
 * skipped (…); labs (16 models) → fused-wasm: 31,000 model-steps/s vs …; measured in 142 ms".
 */
import type { Figure } from '../worker/calibration';
import type { CalibrationInfo } from '../worker/protocol';

/** A rate to three significant figures, with thousands separators: 19,700. */
export function roundRate(rate: number): string {
  const digits = Math.max(0, Math.floor(Math.log10(Math.abs(rate))) + 1 - 3);
  const unit = 10 ** digits;
  return (Math.round(rate / unit) * unit).toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** Why a figure has no rate: its whole note, or (brief) just which way it lost. */
function why(f: Figure, brief: boolean): string {
  return brief ? (f.outcome === 'skipped' ? 'skipped' : 'too slow to time') : (f.note ?? '');
}

function workloadText(label: string, unit: string, figures: readonly Figure[], choice: string, brief: boolean): string {
  const chosen = figures.find((f) => f.candidate === choice && f.outcome === 'timed');
  const untimed = brief ? 'nothing timed' : 'nothing could be timed in the budget: the fastest CPU step this browser runs';
  const head = chosen ? `${label} → ${choice}: ${roundRate(chosen.rate!)} ${unit}` : `${label} → ${choice} (${untimed})`;
  const others = figures.filter((f) => f !== chosen).map((f) => (f.outcome === 'timed' ? `${f.candidate} ${roundRate(f.rate!)} ${unit}` : `${f.candidate} ${why(f, brief)}`));
  return others.length > 0 ? `${head} vs ${others.join(', ')}` : head;
}

/**
 * One sentence: both workloads' figures and choices, and whether they were measured now or
 * kept. `brief`: each loser's reason cut to "skipped" or "too slow to time" (the badge's line;
 * its tooltip has the whole sentence).
 */
export function calibrationText({ result, source }: CalibrationInfo, brief = false): string {
  const single = workloadText('auto', 'steps/s', result.single, result.choice.single, brief);
  const labs = workloadText(`labs (${result.models} models)`, 'model-steps/s', result.batched, result.choice.batched, brief);
  const when = source === 'measured' ? `measured now in ${Math.round(result.totalMs)} ms` : `cached: measured on an earlier visit in ${Math.round(result.totalMs)} ms`;
  return `${single}; ${labs}; ${when}.`;
}
