/**
 * Claims 3, 4 and 5 of a lab's masks across seeds (SPEC 8): families against random families,
 * where the clauses went after retraining, and (for the comparison) each probe against every
 * other finder on accuracy and exact code recovery, with the verdict lines in words.
 */
import type { LabClaims } from '../../engine/claims/labClaimsOf';
import { useApp } from '../storeContext';
import { probeVerdictLines } from './claimText';

const pct = (x: number) => `${Math.round(100 * x)}%`;
const num = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const signed = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}` : '—');

export function LabClaimsView({ claims, label, testId }: { claims: LabClaims; label: (id: string) => string; testId: string }) {
  const recomputing = useApp((s) => s.labsRecomputing);
  const lines = probeVerdictLines(claims.probes, label);
  return (
    <div className={recomputing ? 'lab-claims stale' : 'lab-claims'} data-testid={testId} aria-busy={recomputing}>
      {lines.length > 0 && (
        <>
          <h3>Claim 5, judged across seeds</h3>
          <ul className="verdicts" data-testid="probe-verdicts">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <table data-testid="probe-claims">
            <caption>Each probe against each other method: paired by seed (probe − other, in points), wins/ties/losses, mean with 95% t-interval</caption>
            <thead>
              <tr>
                <th scope="col">sparsity</th>
                <th scope="col">probe</th>
                <th scope="col">against</th>
                <th scope="col">metric</th>
                <th scope="col">W/T/L</th>
                <th scope="col">mean</th>
                <th scope="col">95% interval</th>
                <th scope="col">verdict</th>
              </tr>
            </thead>
            <tbody>
              {claims.probes.map((c) => (
                <tr key={`${c.sparsity}-${c.probe}-${c.other}-${c.metric}`}>
                  <td>{pct(c.sparsity)}</td>
                  <td>{label(c.probe)}</td>
                  <td>{label(c.other)}</td>
                  <td>{c.metric === 'balancedAccuracy' ? 'accuracy' : 'code recovery'}</td>
                  <td>
                    {c.wins}/{c.ties}/{c.losses}
                  </td>
                  <td>{signed(c.meanDifference)}</td>
                  <td>
                    {signed(c.ci95[0])} to {signed(c.ci95[1])}
                  </td>
                  <td>{c.verdict === 'no clear difference' ? `no clear difference (${c.n} seed${c.n === 1 ? '' : 's'})` : c.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Claims 3 and 4: families and re-expression</h3>
      <table data-testid="family-claims">
        <caption>Per method and sparsity, means over seeds: the family the mask supports against random families of its size (same mask, 200 draws)</caption>
        <thead>
          <tr>
            <th scope="col">method</th>
            <th scope="col">sparsity</th>
            <th scope="col">seeds</th>
            <th scope="col">family size</th>
            <th scope="col">mean d₀ (random)</th>
            <th scope="col">conflicting pairs (random)</th>
            <th scope="col">off-clause weights (random)</th>
          </tr>
        </thead>
        <tbody>
          {claims.families.map((f) => (
            <tr key={`${f.method}-${f.sparsity}`}>
              <td>{label(f.method)}</td>
              <td>{pct(f.sparsity)}</td>
              <td>{f.seeds}</td>
              <td>{num(f.family.size, 1)}</td>
              <td>
                {num(f.family.meanD0)} ({num(f.random.meanD0)})
              </td>
              <td>
                {num(f.family.conflictingPairs, 1)} ({num(f.random.conflictingPairs, 1)})
              </td>
              <td>
                {num(f.family.offClauseWeights, 1)} ({num(f.random.offClauseWeights, 1)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="reexpression-claims">
        <caption>Where the clauses went, pooled over seeds: over clauses with a dense code (same row, different row, lost — not coded by one row), and apart, clauses without one</caption>
        <thead>
          <tr>
            <th scope="col">method</th>
            <th scope="col">sparsity</th>
            <th scope="col">seeds</th>
            <th scope="col">same row</th>
            <th scope="col">different row</th>
            <th scope="col">lost</th>
            <th scope="col">no dense code: coded / not</th>
          </tr>
        </thead>
        <tbody>
          {claims.reexpression.map((r) => (
            <tr key={`${r.method}-${r.sparsity}`}>
              <td>{label(r.method)}</td>
              <td>{pct(r.sparsity)}</td>
              <td>{r.seeds}</td>
              <td>{r.sameRow}</td>
              <td>{r.differentRow}</td>
              <td>{r.lost}</td>
              <td>
                {r.withoutDenseCode.coded} / {r.withoutDenseCode.notCoded}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
