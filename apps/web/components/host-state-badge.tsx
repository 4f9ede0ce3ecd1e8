const tone: Record<string, string> = {
  connected: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300',
  connecting: 'bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300',
  reconnecting: 'bg-amber-50 text-amber-700 dark:bg-amber-950 dark:text-amber-300',
  failed: 'bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300',
  closed: 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
};

export function HostStateBadge({ status, error }: { status: string; error: string | null }) {
  return (
    <span
      data-testid="host-state"
      title={error ?? undefined}
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone[status] ?? tone.closed}`}
    >
      {status}
    </span>
  );
}
