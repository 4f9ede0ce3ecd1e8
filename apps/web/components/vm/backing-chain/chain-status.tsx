// A backing chain's status, in words and colour: complete, not probed, broken, no medium.
import { cn } from '@virtdeck/ui';

const STATUS: Record<string, { label: string; tone: string; hint: string }> = {
  complete: { label: 'Chain complete', tone: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300', hint: 'libvirt reported every layer down to the base' },
  unprobed: {
    label: 'Chain not probed',
    tone: 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
    hint: 'libvirt has not probed this chain (it does when the VM runs): more layers may exist below',
  },
  broken: { label: 'Chain broken', tone: 'bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300', hint: 'a layer that should be there cannot be read' },
  empty: { label: 'No medium', tone: 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300', hint: 'removable media with nothing inserted' },
};

export function ChainStatus({ status }: { status: string }) {
  const s = STATUS[status] ?? { label: status, tone: STATUS.unprobed?.tone ?? '', hint: '' };
  return (
    <span data-testid="chain-status" data-status={status} title={s.hint} className={cn('rounded-full px-2 py-0.5 text-xs font-medium', s.tone)}>
      {s.label}
    </span>
  );
}
