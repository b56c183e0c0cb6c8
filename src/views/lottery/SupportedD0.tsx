/**
 * The ticket in feature space (claim 1): how far, at initialization, the locations its mask
 * supports sat from their clauses' codes, against all locations. Bars are HTML, with counts.
 */
import { useApp } from '../storeContext';

/** `seed`: the network's seed; its d₀ is its own seed's (the run on show's, or the lab's dense run of that seed). */
export function SupportedD0({ supported, seed }: { supported: Uint8Array; seed: number }) {
  const d0 = useApp((s) => (seed === s.applied.seedInit ? s.analysis?.d0 : [...s.lottery.dense, ...s.comparison.dense].find((d) => d.seed === seed)?.d0));
  const k = useApp((s) => s.task?.config.k ?? 3);
  if (!d0) return null;
  const all = new Array<number>(k + 1).fill(0);
  const sup = new Array<number>(k + 1).fill(0);
  const K = d0[0]?.length ?? 0;
  d0.forEach((row, j) =>
    row.forEach((d, c) => {
      all[d]++;
      if (supported[j * K + c]) sup[d]++;
    }),
  );
  const nAll = all.reduce((a, b) => a + b, 0);
  const nSup = sup.reduce((a, b) => a + b, 0);
  const mean = (h: number[], n: number) => (n > 0 ? h.reduce((a, v, d) => a + v * d, 0) / n : NaN);
  return (
    <div className="supported-d0">
      <p data-testid="supported-summary">
        The mask supports <strong>{nSup}</strong> of {nAll} code locations (all of a clause’s input weights on the row, and its readout). Their mean d₀ is {mean(sup, nSup).toFixed(2)}, against{' '}
        {mean(all, nAll).toFixed(2)} over all locations.
      </p>
      <table className="compact">
        <caption className="sr-only">d₀ of supported locations against all locations</caption>
        <thead>
          <tr>
            <th scope="col">d₀</th>
            <th scope="col">supported</th>
            <th scope="col">all</th>
          </tr>
        </thead>
        <tbody>
          {all.map((a, d) => (
            <tr key={d}>
              <th scope="row">{d}</th>
              <td>
                <span className="hbar sup" style={{ width: `${nSup ? (60 * sup[d]) / nSup : 0}px` }} /> {sup[d]}
              </td>
              <td>
                <span className="hbar all" style={{ width: `${(60 * a) / nAll}px` }} /> {a}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
