// A labelled input, on FieldShell.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { FieldShell, fieldProps, inputStyle } from './field-shell';

/** A labelled input. */
export function Field({
  label,
  error,
  hint,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> & { label: string; error?: string | undefined; hint?: ReactNode }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input {...fieldProps(id, error, Boolean(hint))} className={inputStyle} {...input} />
    </FieldShell>
  );
}
