/**
 * What the PyTorch anchor (bench/anchor/*.py) trains, from the app's own defaults, so the anchor
 * always matches them: the settings (DEFAULTS), the task's clauses (generateTask), and the
 * default probe comparison (the lab schema's defaults) as phases of models trained together.
 * bench/anchor.mjs bundles this file with rolldown and passes `anchorInput()` to Python as JSON.
 *
 * The phases follow the comparison's dependencies, batched as far as they allow: the extra
 * seeds' dense runs together, then each IMP round (it prunes the round before) for every seed at
 * once, then every (method, sparsity, seed) mask's retrain together. Their model-steps add up to
 * comparisonPlan(...).modelSteps, the count the app's progress bar counts.
 */
import { generateTask } from '../src/engine/core/task';
import { comparisonImpCounts, comparisonPlan } from '../src/engine/labs/labPlan';
import { keptBudget } from '../src/engine/lottery';
import { labFormDefaults } from '../src/settings/labSchema';
import { DEFAULTS, experimentConfig, type Settings } from '../src/settings/settings';
import type { ComparisonForm } from '../src/settings/labSchema';

export interface AnchorPhase {
  label: string;
  /** One entry per model: the index of its seed in `seeds` (models of a seed share its data). */
  seedOfModel: number[];
  /** Weights each model keeps (W1 ∪ W2, SPEC 5), or null for a dense model. */
  kept: (number | null)[];
  /** True when the phase's masks come from magnitude pruning of the previous phase (IMP). */
  imp: boolean;
  steps: number;
}

export function anchorInput(settings: Settings = DEFAULTS, form: ComparisonForm = labFormDefaults('comparison')) {
  const config = experimentConfig(settings);
  const shape = { n: settings.n, m: settings.m, K: settings.K };
  const seeds = Array.from({ length: form.seedCount }, (_, i) => (settings.seedInit + i) % 2 ** 31);
  const steps = settings.steps;
  const all = seeds.map((_, i) => i);
  const phases: AnchorPhase[] = [];
  if (seeds.length > 1) phases.push({ label: 'extra dense runs', seedOfModel: all.slice(1), kept: all.slice(1).map(() => null), imp: false, steps });
  comparisonImpCounts(shape, form.methods, form.sparsities).forEach((kept, r) => {
    phases.push({ label: `IMP round ${r + 1}`, seedOfModel: all, kept: all.map(() => kept), imp: true, steps });
  });
  const retrains = all.flatMap((seed) => form.sparsities.flatMap((s) => form.methods.map(() => ({ seed, kept: keptBudget(s, shape) }))));
  if (retrains.length > 0) phases.push({ label: 'masked retrains', seedOfModel: retrains.map((r) => r.seed), kept: retrains.map((r) => r.kept), imp: false, steps });
  return {
    settings: { ...settings },
    clauses: generateTask(config.task, config.seeds.task).clauses,
    comparison: {
      methods: form.methods.length,
      sparsities: form.sparsities,
      seeds,
      masks: retrains.length,
      modelSteps: comparisonPlan(shape, steps, { ...form, seeds }).modelSteps,
      phases,
    },
  };
}

export type AnchorInput = ReturnType<typeof anchorInput>;
