import { StateBadge, type DomainState } from '@virtdeck/ui';

// Most telling first: what runs, what needs a look, what rests.
const ORDER: DomainState[] = ['running', 'paused', 'blocked', 'crashed', 'pmsuspended', 'shutdown', 'shutoff', 'nostate'];

/** VM counts by state, in the shared state colours. */
export function VmCounts({ counts, total }: { counts: Record<string, number>; total: number }) {
  const present = ORDER.filter((s) => (counts[s] ?? 0) > 0);
  return (
    <div>
      <div className="text-xs uppercase tracking-wide text-zinc-500">
        Virtual machines <span className="tabular-nums" data-testid="vm-total">{total}</span>
      </div>
      {present.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-500">None defined</p>
      ) : (
        <ul className="mt-1.5 flex flex-wrap gap-1.5" aria-label="Virtual machines by state">
          {present.map((s) => (
            <li key={s} data-testid="vm-count" data-state={s} className="inline-flex items-center gap-1">
              <StateBadge state={s} />
              <span className="text-sm font-medium tabular-nums" data-testid="vm-count-value">{counts[s]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
