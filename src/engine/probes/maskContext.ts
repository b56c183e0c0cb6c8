/**
 * The one signature of every method's mask function (maskMakers.ts): what a method may read to
 * find a mask for one seed at one budget, and what it gives back. Types only, so a method's own
 * file can name them without importing the table that imports it.
 */
import type { Batch, Clause, Masks, Params, Shape } from '../core/types';
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
