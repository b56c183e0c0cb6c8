/** The probe comparison's state on the page: its form (SPEC 6 choices) and what came back. */
import type { ComparisonProgress, ComparisonResult, MethodId } from '../engine/labs/probeComparison';
import type { DenseSummary } from './lottery';

export interface ComparisonForm {
  methods: MethodId[];
  sparsities: number[];
  seedCount: number;
  /** Distance/motion probes' load weight λ. */
  lambda: number;
  /** Motion probe's window s (dense steps). */
  motionSteps: number;
}

export const DEFAULT_COMPARISON_FORM: ComparisonForm = {
  methods: ['distance', 'motion', 'random', 'magnitude-init', 'snip', 'grasp', 'synflow', 'oneshot', 'imp'],
  sparsities: [0.5, 0.7, 0.8, 0.9],
  seedCount: 5,
  lambda: 0.5,
  motionSteps: 50,
};

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
  status: 'idle', progress: null, etaSeconds: null, results: [], dense: [], message: null, startedAt: null, endedAt: null, key: null,
};
