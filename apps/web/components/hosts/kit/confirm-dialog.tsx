'use client';
import { AlertDialog as A } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { Button } from '@virtdeck/ui';
import { errorMessage } from './errors';

/**
 * A destructive action behind a confirmation that names what will be lost. The action runs from
 * the red button; a refusal is shown in the dialog, which then stays open.
 */
export function ConfirmDialog({
  trigger,
  title,
  children,
  confirmLabel,
  onConfirm,
}: {
  trigger: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <A.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setError(null);
      }}
    >
      <A.Trigger asChild>{trigger}</A.Trigger>
      <A.Portal>
        <A.Overlay className="fixed inset-0 z-40 bg-zinc-950/40" />
        <A.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border border-zinc-200 bg-white p-5 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <A.Title className="text-base font-semibold">{title}</A.Title>
          <A.Description asChild>
            <div className="mt-2 space-y-2 text-sm text-zinc-600 dark:text-zinc-300">{children}</div>
          </A.Description>
          {error ? (
            <p role="alert" className="mt-3 rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              {error}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <A.Cancel asChild>
              <Button>Cancel</Button>
            </A.Cancel>
            <Button variant="danger" disabled={busy} onClick={() => void run()}>
              {busy ? 'Working…' : confirmLabel}
            </Button>
          </div>
        </A.Content>
      </A.Portal>
    </A.Root>
  );
}
