import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export const inputStyle =
  'h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-xs outline-none focus-visible:border-[var(--color-accent)] focus-visible:ring-2 focus-visible:ring-[var(--color-accent)]/30 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-950';

/** A labelled input with its hint and its error, tied together for screen readers. */
export function Field({
  label,
  error,
  hint,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> & { label: string; error?: string | undefined; hint?: ReactNode }) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} className={inputStyle} {...input} />
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
