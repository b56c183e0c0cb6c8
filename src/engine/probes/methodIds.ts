/**
 * The probe comparison's method ids (SPEC 6), for modules that need only them: the table they
 * come from is registry.ts, which loads nothing heavy either.
 */
export { METHOD_IDS, type MethodId } from './registry';
