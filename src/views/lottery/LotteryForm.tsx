/**
 * The lottery lab's choices (SPEC 5): IMP or one-shot, global or layer-wise magnitude,
 * target sparsities, the rewind step k_r (a kept snapshot), ε and the number of seeds; options
 * and labels from the lab schema.
 */
import { useMemo } from 'react';
import { LAB_SCHEMA } from '../../settings/labSchema';
import { NumberSelect } from '../NumberSelect';
import { useApp } from '../storeContext';

const { mode, scope, sparsities, rewindStep, eps, seeds } = LAB_SCHEMA;

export function LotteryForm() {
  const form = useApp((s) => s.lotteryForm);
  const set = useApp((s) => s.setLotteryForm);
  const snapshots = useApp((s) => s.snapshots);
  const last = useApp((s) => s.applied.steps);
  // Early kept steps only: late rewinding means rewinding to an early step (SPEC 5).
  const rewindChoices = useMemo(() => snapshots.map((k) => k.step).filter((s) => s < last && s <= Math.max(500, last / 5)), [snapshots, last]);
  return (
    <div className="lottery-form">
      <fieldset>
        <legend>{mode.label}</legend>
        {mode.options.map((m) => (
          <label key={m}>
            <input type="radio" name="lottery-mode" checked={form.mode === m} onChange={() => set({ mode: m })} /> {mode.optionLabels[m]}
          </label>
        ))}
        {scope.options.map((s) => (
          <label key={s}>
            <input type="radio" name="lottery-scope" checked={form.scope === s} onChange={() => set({ scope: s })} /> {scope.optionLabels[s]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{sparsities.label}</legend>
        {sparsities.options.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={form.sparsities.includes(s)}
              onChange={(e) => set({ sparsities: e.target.checked ? [...form.sparsities, s].sort() : form.sparsities.filter((x) => x !== s) })}
            />{' '}
            {Math.round(s * 100)}%
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Rewind and judge</legend>
        <NumberSelect
          label={rewindStep.label}
          name={rewindStep.control}
          value={form.rewindStep}
          options={rewindChoices.length > 0 ? rewindChoices : [rewindStep.default]}
          format={(v) => (v === 0 ? '0 (initialization)' : String(v))}
          onChange={(v) => set({ rewindStep: v })}
        />
        <NumberSelect label={eps.label} name={eps.control} value={form.eps} options={eps.options} onChange={(v) => set({ eps: v })} />
        <NumberSelect label={seeds.label} name={seeds.counts.lottery.control} value={form.seedCount} options={seeds.counts.lottery.options} onChange={(v) => set({ seedCount: v })} />
      </fieldset>
    </div>
  );
}
