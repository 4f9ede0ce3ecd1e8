import { Card } from '@virtdeck/ui';
import { formatBytes } from '~/lib/format';
import { UsageBar } from '@virtdeck/ui/usage-bar';
import type { Pool } from './types';

export function PoolSummary({ pool }: { pool: Pool }) {
  const active = pool.state === 'running';
  const facts: [string, string, boolean?][] = [
    ['Type', pool.type],
    ['Target', pool.targetPath ?? '—'],
    ['Capacity', active ? formatBytes(pool.capacity) : '—', true],
    ['Allocation', active ? formatBytes(pool.allocation) : '—', true],
    ['Available', active ? formatBytes(pool.available) : '—', true],
    ['Autostart', pool.autostart ? 'Yes' : 'No'],
  ];
  return (
    <Card className="space-y-3">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
        {facts.map(([label, value, num]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
            <dd className={`truncate font-medium ${num ? 'tabular-nums' : ''} ${label === 'Target' ? 'font-mono text-xs leading-5' : ''}`} title={value}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {active ? <UsageBar used={pool.allocation} total={pool.capacity} label={`${pool.name} used`} /> : null}
    </Card>
  );
}
