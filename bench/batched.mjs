/**
 * Batched training speed, measured in the diagnostics page's worker: model-steps/s (models x
 * data steps per second) when 1, 16 and 64 default-sized models train at once in one batched
 * trainer, one data seed per PER_SEED models (a ticket and its two controls share their data).
 * fused-wasm gets the full plan, since the target is judged on it; the other backends are
 * slower by orders of magnitude and get short repeats (their order of magnitude is the point).
 */

export const MODEL_COUNTS = [1, 16, 64];
export const PER_SEED = 3;
/** 64 default-sized models at once on the best backend: what PyTorch's batched matmuls reach on one thread here. */
export const TARGET_MODEL_STEPS_PER_SECOND = 28000;
const TARGET_MODELS = 64;

const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const describe = (s) => `n ${s.n}, K ${s.K}, k ${s.k}, m ${s.m}, batch ${s.batch}`;

/** One row per backend: the result for each model count, or the error of the first count that failed. */
export async function measureBatched(page, backends, plan) {
  const rows = [];
  for (const backend of backends) {
    const full = backend === 'fused-wasm';
    const row = { requested: backend, results: [] };
    for (const models of MODEL_COUNTS) {
      const request = {
        backend,
        models,
        perSeed: PER_SEED,
        repeats: full ? plan.repeats : Math.min(plan.repeats, 3),
        targetMs: full ? plan.targetMs : Math.min(plan.targetMs, 400),
        warmupMs: full ? plan.warmupMs : Math.min(plan.warmupMs, 200),
      };
      const t0 = Date.now();
      try {
        const r = await page.evaluate((req) => window.lotteryDiagnostics.batchedSpeed(req), request);
        row.results.push(r);
        console.log(
          `  batched ${backend.padEnd(10)} ${String(models).padStart(2)} models: median ${Math.round(r.median).toString().padStart(6)} model-steps/s (first step ${r.firstStepMs.toFixed(0)} ms, ${r.stepsPerRepeat} steps/repeat, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
        );
      } catch (e) {
        row.error = String(e.message ?? e)
          .split('\n')[0]
          .replace(/^page\.evaluate: (Error: )?/, '');
        console.log(`  batched ${backend.padEnd(10)} ${models} models failed: ${row.error}`);
        break;
      }
    }
    rows.push(row);
  }
  return rows;
}

/** The report section: one row per backend, the speed-up of 64-at-once over 1-at-a-time, and the distance from the target. */
export function batchedTable(batched, defaults) {
  const most = MODEL_COUNTS.at(-1);
  const seeds = (models) => Math.ceil(models / PER_SEED);
  const lines = [
    `### Batched training: model-steps/s for ${MODEL_COUNTS.join(', ').replace(/, (\d+)$/, ' and $1')} models at once`,
    '',
    `Default config (${describe(defaults)}, ${defaults.optimizer}), dense models, each from its own init seed; models share one data seed per ${PER_SEED} (a ticket and its two controls train on the same data), so ${most} models train on ${seeds(most)} data seeds. A model-step is one data step of one model: ${most} models at once for one step is ${most} model-steps. Each timed repeat trains fresh models for at most one run (${int(defaults.steps)} steps), as a lab does: far longer (about 18,000 steps), a fitted model's gradients go subnormal in float32 and the fused-wasm step slows by about a quarter.`,
    '',
    `| backend | ${MODEL_COUNTS.map((c) => `${c} model${c === 1 ? '' : 's'}`).join(' | ')} | ${most} at once vs 1 at a time | first step, ${most} models (ms) |`,
    `|---|${MODEL_COUNTS.map(() => '---:').join('|')}|---:|---:|`,
  ];
  for (const row of batched) {
    const by = new Map(row.results.map((r) => [r.models, r]));
    const name = row.results[0] && row.results[0].backend !== row.requested ? `${row.requested} (ran: ${row.results[0].backend})` : row.requested;
    const cells = MODEL_COUNTS.map((c) => (by.has(c) ? int(by.get(c).median) : row.error ? `failed: ${row.error.replace(/\|/g, '/')}` : '—'));
    const one = by.get(1);
    const all = by.get(most);
    const speedUp = one && all ? `${(all.median / one.median).toFixed(2)}×` : '—';
    lines.push(`| ${name} | ${cells.join(' | ')} | ${speedUp} | ${all ? int(all.firstStepMs) : '—'} |`);
  }
  const ok = batched.map((row) => ({ backend: row.requested, result: row.results.find((r) => r.models === TARGET_MODELS) })).filter((x) => x.result);
  const best = ok.sort((a, b) => b.result.median - a.result.median)[0];
  let verdict = `No backend trained ${TARGET_MODELS} models at once, so the batched target could not be compared.`;
  if (best) {
    const share = best.result.median / TARGET_MODEL_STEPS_PER_SECOND;
    const gap =
      share >= 1
        ? `${share.toFixed(2)}× the target, ${int(best.result.median - TARGET_MODEL_STEPS_PER_SECOND)} model-steps/s above it`
        : `${(share * 100).toFixed(0)}% of the target: ${int(TARGET_MODEL_STEPS_PER_SECOND - best.result.median)} model-steps/s short, ${(1 / share).toFixed(2)}× slower than needed`;
    verdict = `The batched target is ${int(TARGET_MODEL_STEPS_PER_SECOND)} model-steps/s for ${TARGET_MODELS} default-sized models on the best backend; here the best was ${best.backend} at ${int(best.result.median)} model-steps/s (median of ${best.result.modelStepsPerSecond.length} repeats, min–max ${int(Math.min(...best.result.modelStepsPerSecond))}–${int(Math.max(...best.result.modelStepsPerSecond))}), ${gap}.`;
  }
  lines.push('', verdict);
  return lines.join('\n');
}
