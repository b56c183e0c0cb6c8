/**
 * The lottery lab's choices (SPEC 5): IMP or one-shot, global or layer-wise magnitude,
 * target sparsities, the rewind step k_r (a kept snapshot), ε and the number of seeds.
 */
import { useMemo } from 'react';
import { NumberSelect } from '../NumberSelect';
import { useApp } from '../storeContext';

const SPARSITY_CHOICES = [0.5, 0.7, 0.8, 0.9, 0.95];

export function LotteryForm() {
  const form = useApp((s) => s.lotteryForm);
  const set = useApp((s) => s.setLotteryForm);
  const snapshots = useApp((s) => s.snapshots);
  const last = useApp((s) => s.applied.steps);
  // Early kept steps only: late rewinding means rewinding to an early step (SPEC 5).
  const rewindChoices = useMemo(
    () => snapshots.map((k) => k.step).filter((s) => s < last && s <= Math.max(500, last / 5)),
    [snapshots, last],
  );
  return (
    <div className="lottery-form">
      <fieldset>
        <legend>Pruning</legend>
        <label>
          <input type="radio" name="lottery-mode" checked={form.mode === 'imp'} onChange={() => set({ mode: 'imp' })} /> iterative (IMP, 20% per
          round)
        </label>
        <label>
          <input type="radio" name="lottery-mode" checked={form.mode === 'oneshot'} onChange={() => set({ mode: 'oneshot' })} /> one-shot
        </label>
        <label>
          <input type="radio" name="lottery-scope" checked={form.scope === 'global'} onChange={() => set({ scope: 'global' })} /> global
          magnitude
        </label>
        <label>
          <input type="radio" name="lottery-scope" checked={form.scope === 'layerwise'} onChange={() => set({ scope: 'layerwise' })} />{' '}
          layer-wise
        </label>
      </fieldset>
      <fieldset>
        <legend>Target sparsities</legend>
        {SPARSITY_CHOICES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={form.sparsities.includes(s)}
              onChange={(e) =>
                set({ sparsities: e.target.checked ? [...form.sparsities, s].sort() : form.sparsities.filter((x) => x !== s) })
              }
            />{' '}
            {Math.round(s * 100)}%
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Rewind and judge</legend>
        <NumberSelect label="Rewind to step" name="Rewind step" value={form.rewindStep} options={rewindChoices.length > 0 ? rewindChoices : [0]} format={(v) => (v === 0 ? '0 (initialization)' : String(v))} onChange={(v) => set({ rewindStep: v })} />
        <NumberSelect label="ε" name="Winning margin epsilon" value={form.eps} options={[0.005, 0.01, 0.02, 0.05]} onChange={(v) => set({ eps: v })} />
        <NumberSelect label="Seeds" name="Number of seeds" value={form.seedCount} options={[1, 2, 3, 5]} onChange={(v) => set({ seedCount: v })} />
      </fieldset>
    </div>
  );
}
