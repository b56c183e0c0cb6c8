/**
 * Claims across seeds on the page (SPEC 8): the form's seed count, the extra dense runs' progress,
 * and the pooled claims 1 and 2 the worker computed; plus claims 3-5 of the labs.
 */
import type { LabClaims } from '../engine/claims/labClaimsOf';
import type { SeedClaims } from '../engine/labs/seedSweep';
import type { RunSummary } from '../worker/protocol';

export const DEFAULT_CLAIM_SEEDS = 8;
export const MIN_CLAIM_SEEDS = 2;
export const MAX_CLAIM_SEEDS = 20;

export interface SeedsState {
  status: 'idle' | 'running' | 'done' | 'cancelled';
  /** Seeds pooled when run (the run's own first). */
  count: number;
  progress: { done: number; total: number; step: number; lastStep: number } | null;
  etaSeconds: number | null;
  runs: RunSummary[];
  claims: SeedClaims | null;
  message: string | null;
}

export const NO_SEEDS: SeedsState = { status: 'idle', count: DEFAULT_CLAIM_SEEDS, progress: null, etaSeconds: null, runs: [], claims: null, message: null };

/** Claims 3-5 as the worker last computed them (null before any lab result). */
export interface LabClaimsState {
  comparison: LabClaims | null;
  lottery: LabClaims | null;
}

export const NO_LAB_CLAIMS: LabClaimsState = { comparison: null, lottery: null };
