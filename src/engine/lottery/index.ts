/**
 * The lottery-ticket protocol of SPEC 5, as small pure modules: the weight budget, magnitude
 * pruning, the IMP schedule, random masks, a mask's support in feature space, re-expression
 * and winning, and rewinding. No training here: the worker composes these with a trainer.
 */
export { keptBudget, maskedCount, prunableCount, sparsityOf } from './budget';
export { layerShares, magnitudeMask, type PruneScope } from './prune';
export { impSchedule } from './imp';
export { randomMask } from './randomMask';
export { familyRecovery, supportedLocations } from './support';
export { isWinning, reexpression, reexpressionCounts, type Reexpression } from './reexpression';
export { reinitControl, rewind } from './rewind';
