/** The comparison's choices (SPEC 6): methods, sparsities, seeds, and the probes' λ and s; options from the lab schema. */
import { methodEntry, type MethodId } from '../../engine/probes/registry';
import { LAB_SCHEMA } from '../../settings/labSchema';
import { NumberSelect } from '../NumberSelect';
import { useApp } from '../storeContext';

const { methods, sparsities, seeds, lambda, motionSteps } = LAB_SCHEMA;

export function ComparisonForm() {
  const form = useApp((s) => s.comparisonForm);
  const set = useApp((s) => s.setComparisonForm);
  const toggle = <T,>(list: T[], v: T, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));
  return (
    <div className="lottery-form">
      <fieldset>
        <legend>{methods.label}</legend>
        {methods.options.map((m) => (
          <label key={m} title={methodEntry(m).label}>
            <input type="checkbox" checked={form.methods.includes(m)} onChange={(e) => set({ methods: toggle<MethodId>(form.methods, m, e.target.checked) })} /> {m}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Sparsities</legend>
        {sparsities.options.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              aria-label={`comparison sparsity ${Math.round(s * 100)}%`}
              checked={form.sparsities.includes(s)}
              onChange={(e) => set({ sparsities: toggle<number>(form.sparsities, s, e.target.checked).sort() })}
            />{' '}
            {Math.round(s * 100)}%
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Seeds and probe settings</legend>
        <NumberSelect label={seeds.label} name={seeds.counts.comparison.control} value={form.seedCount} options={seeds.counts.comparison.options} onChange={(v) => set({ seedCount: v })} />
        <NumberSelect label={lambda.label} name={lambda.control} value={form.lambda} options={lambda.options} onChange={(v) => set({ lambda: v })} />
        <NumberSelect
          label={motionSteps.label}
          name={motionSteps.control}
          value={form.motionSteps}
          options={motionSteps.options}
          format={(v) => `${v} ${motionSteps.unit}`}
          onChange={(v) => set({ motionSteps: v })}
        />
      </fieldset>
    </div>
  );
}
