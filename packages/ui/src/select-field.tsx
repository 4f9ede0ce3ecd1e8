// A labelled native select, on FieldShell.
import { useId, type SelectHTMLAttributes } from 'react';
import { FieldShell, fieldProps, inputStyle } from './field-shell';

/** A labelled native select (small option lists: role, format, pool type). */
export function SelectField({
  label,
  options,
  error,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: readonly { value: string; label: string }[]; error?: string | undefined }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error}>
      <select {...fieldProps(id, error, false)} className={inputStyle} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
