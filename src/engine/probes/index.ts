/**
 * Ticket discovery (SPEC 6): every method here returns a mask keeping exactly the budget of
 * SPEC 5. The feature-space probes (distance, motion) read a ticket off where rows sit relative
 * to the clauses' codes; the weight-based baselines (baselinesIndex) score weights directly.
 * Callers import from here, so the two families can be compared side by side.
 */
export { distanceProbe } from './distance';
export { motionProbe } from './motion';
export { clauseOrder, locationMask, placeClauses, type LocationKeys, type ProbeChoice, type ProbeResult } from './select';
export * from './baselinesIndex';
