/** Why the feature-space probes chose what they chose: per clause, the row, d₀, motion, and the conflicts avoided. */
import type { ComparisonResult } from '../../engine/labs/probeComparison';

export function ProbeWhy({ result }: { result: ComparisonResult }) {
  if (!result.choices) return null;
  return (
    <table className="compact">
      <caption>
        {result.method} probe, seed {result.seed}, {Math.round(100 * result.sparsity)}% sparsity: its choices in order
      </caption>
      <thead>
        <tr>
          <th scope="col">clause</th>
          <th scope="col">row</th>
          <th scope="col">d₀</th>
          <th scope="col">{result.method === 'motion' ? 'd_s' : 'key'}</th>
          <th scope="col">motion d̃₀ − d̃_s</th>
          <th scope="col">conflicts avoided</th>
        </tr>
      </thead>
      <tbody>
        {result.choices.map((c) => (
          <tr key={c.clause}>
            <th scope="row">c{c.clause}</th>
            <td>{c.row ?? 'skipped'}</td>
            <td>{c.d0}</td>
            <td>{c.key}</td>
            <td>{c.motion.toFixed(2)}</td>
            <td>{c.avoided.map((a) => `c${a.clause} on row ${a.row}`).join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
