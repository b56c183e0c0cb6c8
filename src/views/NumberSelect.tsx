/** A labelled choice among a few numbers (the labs' ε, seeds, λ, s, rewind step). */
export function NumberSelect({
  label,
  name,
  value,
  options,
  format = String,
  onChange,
}: {
  /** Visible text before the control. */
  label: string;
  /** Accessible name of the control. */
  name: string;
  value: number;
  options: readonly number[];
  format?: (v: number) => string;
  onChange: (v: number) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} aria-label={name}>
        {options.map((v) => (
          <option key={v} value={v}>
            {format(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
