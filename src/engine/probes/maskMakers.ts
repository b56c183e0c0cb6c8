/**
 * The heavy half of the method registry (registry.ts): for each method id, the function that
 * makes its mask for one seed at one budget, all with one signature. The probe comparison calls
 * `MASK_MAKERS[id](context)` for every chosen method; the `satisfies` below makes the compiler
 * refuse a method in the registry without a mask here, or a mask here for no method there.
 */
import type { Batch, Clause, Masks, Params, Shape } from '../core/types';
import { graspProbe, magnitudeInitProbe, oneShotProbe, randomProbe, snipProbe, synflowProbe } from './baselinesIndex';
import { distanceProbe } from './distance';
import { motionProbe } from './motion';
import type { MethodId } from './registry';
import type { ProbeChoice } from './select';

/** What any method may read to find a mask for one seed at one budget. */
export interface MaskContext {
  shape: Shape;
  clauses: Clause[];
  /** Weights of W1 ∪ W2 to keep (SPEC 5's budget; every method keeps exactly this many). */
  kept: number;
  /** The seed: its dense run's init and data seed. */
  seed: number;
  /** θ_0 and θ_T of this seed's dense run. */
  init: Params;
  final: Params;
  /** θ_s: the dense run after the motion window s. */
  atMotion: Params;
  /** The first training batch of this seed's data (SNIP, GraSP). */
  batch0: Batch;
  /** Feature-space sign threshold τ and the probes' load weight λ. */
  tau: number;
  lambda: number;
  /** The IMP ticket at `kept` (the comparison trains the IMP rounds before any mask is made). */
  impTicket(): Masks;
}

export interface MaskFound {
  masks: Masks;
  /** The feature-space probes' choices (what they placed where, and why); null for the others. */
  choices: ProbeChoice[] | null;
}

export type MaskMaker = (c: MaskContext) => MaskFound;

const only = (masks: Masks): MaskFound => ({ masks, choices: null });

export const MASK_MAKERS = {
  distance: (c) => distanceProbe(c.init, c.clauses, c.shape, c.tau, c.lambda, c.kept),
  motion: (c) => motionProbe(c.init, c.atMotion, c.clauses, c.shape, c.tau, c.lambda, c.kept),
  random: (c) => only(randomProbe(c.shape, c.kept, c.seed ^ c.kept)),
  'magnitude-init': (c) => only(magnitudeInitProbe(c.init, c.kept)),
  snip: (c) => only(snipProbe(c.init, c.batch0, c.shape, c.kept)),
  grasp: (c) => only(graspProbe(c.init, c.batch0, c.shape, c.kept)),
  synflow: (c) => only(synflowProbe(c.init, c.shape, c.kept)),
  oneshot: (c) => only(oneShotProbe(c.final, c.kept)),
  imp: (c) => only(c.impTicket()),
} as const satisfies { readonly [K in MethodId]: MaskMaker };
