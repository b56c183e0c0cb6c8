/**
 * The probe comparison's method ids (SPEC 6), on their own: the page's forms and the embed API
 * need the list without loading the trainers that probeComparison.ts brings.
 */
export const METHOD_IDS = ['distance', 'motion', 'random', 'magnitude-init', 'snip', 'grasp', 'synflow', 'oneshot', 'imp'] as const;
export type MethodId = (typeof METHOD_IDS)[number];
