/** The probe comparison's state on the page: its form (SPEC 6 choices) and what came back. */
import type { ComparisonProgress, ComparisonResult } from '../engine/labs/probeComparison';
import { labFormDefaults, type ComparisonForm } from '../settings/labSchema';
import type { DenseSummary } from './lottery';

/** The comparison's form (SPEC 6 choices; types and defaults from the lab schema). */
export type { ComparisonForm };

export const DEFAULT_COMPARISON_FORM: ComparisonForm = labFormDefaults('comparison');

export interface ComparisonState {
  status: 'idle' | 'running' | 'done' | 'cancelled';
  progress: ComparisonProgress | null;
  etaSeconds: number | null;
  results: ComparisonResult[];
  dense: DenseSummary[];
  message: string | null;
  /** When it started and ended (page clock, ms), for the wall time shown. */
  startedAt: number | null;
  endedAt: number | null;
  /** The settings it ran with (JSON), the key of the cache. */
  key: string | null;
}

export const NO_COMPARISON: ComparisonState = {
  status: 'idle',
  progress: null,
  etaSeconds: null,
  results: [],
  dense: [],
  message: null,
  startedAt: null,
  endedAt: null,
  key: null,
};
