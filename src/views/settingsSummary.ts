/**
 * The settings in one line, for the closed settings drawer: what shapes the run, in the order
 * of the form, e.g. "n 24 · K 12 · k 3 · p 0.5 · q 0.25 · m 16 · Adam, lr 0.003, batch 256 ·
 * 3000 steps · seeds 1 2 3 4". The backend and the feature-space thresholds are left out (the
 * badge and the feature-space section show them).
 */
import type { Settings } from '../settings/settings';

export function settingsSummary(s: Settings): string {
  const optimizer = s.optimizer === 'adam' ? 'Adam' : 'SGD';
  return [
    `n ${s.n}`,
    `K ${s.K}`,
    `k ${s.k}`,
    `p ${s.p}`,
    `q ${s.q}`,
    `m ${s.m}`,
    `${optimizer}, lr ${s.lr}, batch ${s.batch}`,
    `${s.steps} steps`,
    `seeds ${s.seedTask} ${s.seedInit} ${s.seedData} ${s.seedTest}`,
  ].join(' · ');
}
