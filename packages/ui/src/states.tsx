// The empty, loading and error states every screen shows.
import { cn } from './cn';

export function Skeleton({ className, label }: { className?: string; label: string }) {
  return (
    <div role="status" aria-label={label} className={cn('animate-pulse rounded-lg bg-zinc-200/70 dark:bg-zinc-800', className)} />
  );
}

export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:border-zinc-700">
      <p className="font-medium text-zinc-700 dark:text-zinc-300">{title}</p>
      {hint ? <p className="mt-1">{hint}</p> : null}
    </div>
  );
}

export function ErrorState({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <p className="font-medium">{title}</p>
      <p className="mt-1 font-mono text-xs">{message}</p>
    </div>
  );
}
