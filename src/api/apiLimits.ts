/** The embed API's numeric limits, read from the settings and lab schemas (messages.ts checks commands against them). */
import { LAB_SCHEMA } from '../settings/labSchema';
import { SCHEMA } from '../settings/settings';

/** Limits of the commands (the app's own forms and schemas where they are stricter; the lab ones from the lab schema). */
export const API_LIMITS = {
  /** `step {n}`: at most one whole run (the `steps` setting's maximum). */
  stepMax: SCHEMA.steps.max,
  /** `seek {step}` and `runLottery {rewindStep}`: no run is longer. */
  seekMax: SCHEMA.steps.max,
  /** `select`: the largest row and clause index any settings allow. */
  rowMax: SCHEMA.m.max - 1,
  clauseMax: SCHEMA.K.max - 1,
  /** `runComparison`: sparsities per comparison (the worker refuses more, settings/limits.ts). */
  sparsities: LAB_SCHEMA.sparsities.maxCount,
  /** `runComparison`: seeds per comparison (the comparison form offers 1 to 5). */
  seeds: LAB_SCHEMA.seeds.maxCount,
  seedMax: LAB_SCHEMA.seeds.max,
  /** `runComparison {lambda}`: the probes' load weight λ. */
  lambdaMin: LAB_SCHEMA.lambda.min,
  lambdaMax: LAB_SCHEMA.lambda.max,
  /** `runComparison {motionSteps}`: the motion window s; the worker also holds it below the run's steps. */
  motionStepsMin: LAB_SCHEMA.motionSteps.min,
  motionStepsMax: LAB_SCHEMA.motionSteps.max,
} as const;
