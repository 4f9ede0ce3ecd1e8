// The loading state every screen shows.
import { cn } from './cn';

export function Skeleton({ className, label }: { className?: string; label: string }) {
  return (
    <div role="status" aria-label={label} className={cn('animate-pulse rounded-lg bg-zinc-200/70 dark:bg-zinc-800', className)} />
  );
}
