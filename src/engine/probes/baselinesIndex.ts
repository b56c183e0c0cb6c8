/**
 * The weight-based ticket-discovery baselines of SPEC 6 (random, |θ_0|, one-shot |θ_T|, SNIP,
 * GraSP, SynFlow) and the score-to-mask ranking they share. The feature-space probes live
 * beside them; probes/index.ts re-exports both.
 */
export { randomProbe, magnitudeInitProbe, oneShotProbe } from './baselines';
export { topScoresMask, bottomScoresMask, topScoresAmong } from './scores';
export { snipScores, snipProbe } from './snip';
export { graspScores, graspProbe } from './grasp';
export { synflowScores, synflowSchedule, synflowProbe } from './synflow';
