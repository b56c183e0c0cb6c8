/** The comparison's choices (SPEC 6): methods, sparsities, seeds, and the probes' λ and s. */
import { METHOD_IDS, type MethodId } from '../../engine/probes/methodIds';
import { NumberSelect } from '../NumberSelect';
import { useApp } from '../storeContext';

const SPARSITIES = [0.5, 0.7, 0.8, 0.9, 0.95];

export function ComparisonForm() {
  const form = useApp((s) => s.comparisonForm);
  const set = useApp((s) => s.setComparisonForm);
  const toggle = <T,>(list: T[], v: T, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));
  return (
    <div className="lottery-form">
      <fieldset>
        <legend>Methods</legend>
        {METHOD_IDS.map((m) => (
          <label key={m}>
            <input type="checkbox" checked={form.methods.includes(m)} onChange={(e) => set({ methods: toggle<MethodId>(form.methods, m, e.target.checked) })} />{' '}
            {m}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Sparsities</legend>
        {SPARSITIES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              aria-label={`comparison sparsity ${Math.round(s * 100)}%`}
              checked={form.sparsities.includes(s)}
              onChange={(e) => set({ sparsities: toggle(form.sparsities, s, e.target.checked).sort() })}
            />{' '}
            {Math.round(s * 100)}%
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Seeds and probe settings</legend>
        <NumberSelect label="Seeds" name="Comparison seeds" value={form.seedCount} options={[1, 2, 3, 4, 5]} onChange={(v) => set({ seedCount: v })} />
        <NumberSelect label="λ (load weight)" name="Probe load weight lambda" value={form.lambda} options={[0, 0.25, 0.5, 1, 2]} onChange={(v) => set({ lambda: v })} />
        <NumberSelect label="motion window s" name="Motion window s" value={form.motionSteps} options={[10, 25, 50, 100, 200]} format={(v) => `${v} steps`} onChange={(v) => set({ motionSteps: v })} />
      </fieldset>
    </div>
  );
}
