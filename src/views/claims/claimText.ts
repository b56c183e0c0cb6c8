/**
 * Claims in words, computed from their statistics (SPEC 8): each sentence states the verdict
 * that the interval or test gives, with the numbers and the count of seeds behind it. Nothing
 * here decides a verdict; it only says the one the engine computed.
 */
import type { ProbeComparisonClaim } from '../../engine/claims/labClaims';
import type { ProximityClaim, RejectionClaim } from '../../engine/claims/proximity';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const num = (x: number, digits = 2) => x.toFixed(digits);
const seedsText = (n: number) => `${n} seed${n === 1 ? '' : 's'}`;

/** "a, b and c" */
export function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function proximitySentence(c: ProximityClaim, seeds: number): string {
  const [lo, hi] = c.ci95;
  const head = `Final codes sat at mean d₀ ${num(c.meanD0Final)} against ${num(c.meanD0All)} for all locations: a nearer-ratio of ${num(c.nearerRatio)} (95% bootstrap interval ${num(lo)}–${num(hi)}, ${seedsText(seeds)}).`;
  if (c.verdict === 'supported') return `${head} The interval lies below 1: claim 1 is supported on these seeds.`;
  if (c.verdict === 'contradicted') return `${head} The interval lies above 1: final codes sat farther than chance, contradicting claim 1 here.`;
  return `${head} The interval includes 1: inconclusive on these seeds.`;
}

export function rejectionSentence(c: RejectionClaim, seeds: number): string {
  const rates = c.byCrowd0.map((b) => `${b.bucket}: ${b.precursors === 0 ? '—' : pct(b.rate)} of ${b.precursors}`).join('; ');
  const head = `Rejection by crowd₀ (${rates}); Cochran–Armitage trend z = ${num(c.z)}, p = ${c.p < 0.001 ? c.p.toExponential(1) : num(c.p, 3)} (${seedsText(seeds)}).`;
  if (c.verdict === 'supported') return `${head} Rejection rises with crowding: claim 2 is supported.`;
  if (c.verdict === 'contradicted') return `${head} Rejection falls with crowding, contradicting claim 2 here.`;
  return `${head} No significant trend: inconclusive.`;
}

/**
 * One line per probe, metric and verdict group, e.g. "distance beats SNIP, GraSP and random on
 * accuracy at 80% and 90% (5 seeds); it does not beat IMP." `label` names a method.
 */
export function probeVerdictLines(claims: readonly ProbeComparisonClaim[], label: (id: string) => string): string[] {
  const out: string[] = [];
  const probes = [...new Set(claims.map((c) => c.probe))];
  for (const probe of probes) {
    for (const metric of ['balancedAccuracy', 'codeRecovery'] as const) {
      const mine = claims.filter((c) => c.probe === probe && c.metric === metric);
      if (mine.length === 0) continue;
      const what = metric === 'balancedAccuracy' ? 'accuracy' : 'exact code recovery';
      const others = [...new Set(mine.map((c) => c.other))];
      // For each other method: the sparsities where the probe beats it, and where it loses.
      const at = (o: string, v: string) => mine.filter((c) => c.other === o && c.verdict === v).map((c) => c.sparsity);
      const sparsityText = (xs: number[]) => list(xs.map((s) => pct(s)));
      const groups = new Map<string, string[]>();
      for (const o of others) {
        const beats = at(o, 'beats');
        if (beats.length > 0) groups.set(sparsityText(beats), [...(groups.get(sparsityText(beats)) ?? []), label(o)]);
      }
      const n = Math.max(...mine.map((c) => c.n));
      const parts = [...groups].map(([where, names]) => `beats ${list(names)} on ${what} at ${where}`);
      const never = others.filter((o) => at(o, 'beats').length === 0).map(label);
      const loses = others.filter((o) => at(o, 'loses').length > 0).map((o) => `${label(o)} (at ${sparsityText(at(o, 'loses'))})`);
      let line = `${label(probe)} ${parts.length > 0 ? parts.join('; ') : `beats no other method on ${what}`} (${seedsText(n)})`;
      if (parts.length > 0 && never.length > 0) line += `; it does not beat ${list(never)}`;
      if (loses.length > 0) line += `; it loses to ${list(loses)}`;
      out.push(`${line}.`);
    }
  }
  return out;
}
