// A form field's frame: a label, the control, and its hint or its error (client-side or from the
// server), tied together for screen readers. It holds any control given fieldProps(id, error).
import type { ReactNode } from 'react';

export const inputStyle =
  'h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-xs outline-none focus-visible:border-[var(--color-accent)] focus-visible:ring-2 focus-visible:ring-[var(--color-accent)]/30 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-950';

/** Props that tie a control to its FieldShell's label, error and (when it has one) hint. */
export function fieldProps(id: string, error: string | undefined, hasHint = true) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : hasHint ? `${id}-hint` : undefined } as const;
}

export function FieldShell({ id, label, error, hint, children }: { id: string; label: string; error?: string | undefined; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400" data-testid={`error-${id}`}>
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
