import { useId, type SelectHTMLAttributes } from 'react';
import { inputStyle } from './field';

/** A labelled native select (small option lists: role, format, pool type). */
export function SelectField({
  label,
  options,
  error,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: readonly { value: string; label: string }[]; error?: string | undefined }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <select id={id} aria-invalid={error ? true : undefined} className={inputStyle} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? <p className="text-xs text-red-700 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
