'use client';
// A destructive action behind a confirmation that names what will be lost: `trigger` opens it,
// the red button runs `onConfirm`, and a refusal is shown in the dialog, which then stays open.
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';

export function ConfirmAction({
  trigger,
  title,
  children,
  confirmLabel,
  onConfirm,
  errorText = (e) => (e instanceof Error ? e.message : String(e)),
}: {
  trigger: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  /** What a refusal says in the dialog (the app passes its own reading of server errors). */
  errorText?: (error: unknown) => string;
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
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setError(null);
      }}
      trigger={trigger}
      title={title}
      confirmLabel={confirmLabel}
      onConfirm={() => void run()}
      pending={busy}
      error={error}
    >
      {children}
    </ConfirmDialog>
  );
}
