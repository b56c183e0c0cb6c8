/**
 * The heavy half of the method registry (registry.ts): for each method id, the function that
 * makes its mask for one seed at one budget, all with one signature. The probe comparison calls
 * `MASK_MAKERS[id](context)` for every chosen method; the `satisfies` below makes the compiler
 * refuse a method in the registry without a mask here, or a mask here for no method there.
 */
import type { Masks } from '../core/types';
import { graspProbe, magnitudeInitProbe, oneShotProbe, randomProbe, snipProbe, synflowProbe } from './baselinesIndex';
import { distanceProbe } from './distance';
import { motionProbe } from './motion';
import type { MaskFound, MaskMaker } from './maskContext';
import type { MethodId } from './registry';

export type { MaskContext, MaskFound, MaskMaker } from './maskContext';

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
