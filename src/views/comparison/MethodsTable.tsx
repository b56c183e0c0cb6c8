/** The numbers behind every mark: a table sortable by any column (click its header). */
import { useMemo, useState } from 'react';
import type { ComparisonResult } from '../../engine/labs/probeComparison';
import { useApp } from '../storeContext';
import type { MethodLevel } from './summary';

type Key = 'method' | 'sparsity' | 'balancedAccuracy' | 'codeRecovery' | 'familyRecovery';
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—');
const cell = (s: MethodLevel['balancedAccuracy']) => `${pct(s.mean)}${s.n > 1 ? ` (${pct(s.min)}–${pct(s.max)})` : ''}`;

export function MethodsTable({ levels, results }: { levels: MethodLevel[]; results: readonly ComparisonResult[] }) {
  const select = useApp((s) => s.selectComparison);
  const selected = useApp((s) => s.selectedComparison);
  const [key, setKey] = useState<Key>('sparsity');
  const [desc, setDesc] = useState(false);
  const rows = useMemo(() => {
    const value = (l: MethodLevel): number | string => (key === 'method' ? l.method : key === 'sparsity' ? l.sparsity : l[key].mean);
    return [...levels].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const c = typeof va === 'string' ? va.localeCompare(vb as string) : (va as number) - (vb as number) || b.balancedAccuracy.mean - a.balancedAccuracy.mean;
      return desc ? -c : c;
    });
  }, [levels, key, desc]);
  const header = (k: Key, label: string) => (
    <th scope="col" aria-sort={key === k ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => (key === k ? setDesc(!desc) : (setKey(k), setDesc(k !== 'method' && k !== 'sparsity')))}>
        {label}
      </button>
    </th>
  );
  return (
    <table className="compact ticket-table" data-testid="comparison-table">
      <caption className="sr-only">Probe comparison: mean and min–max over seeds</caption>
      <thead>
        <tr>
          {header('method', 'method')}
          {header('sparsity', 'sparsity')}
          <th scope="col">kept</th>
          {header('balancedAccuracy', 'balanced accuracy')}
          {header('codeRecovery', 'exact code recovery')}
          {header('familyRecovery', 'family recovery')}
          <th scope="col">seeds</th>
          <th scope="col">
            <span className="sr-only">show</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((l) => (
          <tr key={`${l.method}-${l.kept}`} data-method={l.method}>
            <th scope="row">{l.method}</th>
            <td>{pct(l.sparsity)}</td>
            <td data-testid="comparison-kept">{l.kept}</td>
            <td data-testid="comparison-accuracy">{cell(l.balancedAccuracy)}</td>
            <td>{cell(l.codeRecovery)}</td>
            <td>{cell(l.familyRecovery)}</td>
            <td>{l.balancedAccuracy.n}</td>
            <td>
              {(() => {
                const index = results.findIndex((r) => r.method === l.method && r.kept === l.kept);
                return (
                  <button type="button" aria-pressed={index === selected} onClick={() => select(index)} aria-label={`Show the ${l.method} mask at ${pct(l.sparsity)} (first seed)`}>
                    show
                  </button>
                );
              })()}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
