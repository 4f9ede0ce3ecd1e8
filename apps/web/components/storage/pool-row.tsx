import Link from 'next/link';
import { formatBytes } from '~/lib/format';
import { table } from '@virtdeck/ui/table-style';
import { UsageBar } from '@virtdeck/ui/usage-bar';
import { PoolActions } from './pool-actions';
import { PoolAutostart } from './pool-autostart';
import { poolHref } from './pool-href';
import { PoolStateBadge } from './pool-state-badge';
import type { Pool } from './types';

export function PoolRow({ hostId, pool, canOperate }: { hostId: string; pool: Pool; canOperate: boolean }) {
  const active = pool.state === 'running';
  return (
    <tr data-testid="pool-row" data-pool={pool.name}>
      <td className={table.td}>
        <Link href={poolHref(hostId, pool.name)} className="font-medium text-[var(--color-accent)] hover:underline">
          {pool.name}
        </Link>
        <div className="max-w-64 truncate font-mono text-xs text-zinc-500" title={pool.targetPath ?? undefined}>
          {pool.targetPath ?? ''}
        </div>
      </td>
      <td className={table.td}>
        <PoolStateBadge state={pool.state} />
      </td>
      <td className={`${table.td} hidden font-mono text-xs lg:table-cell`}>{pool.type}</td>
      <td className={table.tdNum}>{active ? formatBytes(pool.capacity) : '—'}</td>
      <td className={table.tdNum}>{active ? formatBytes(pool.allocation) : '—'}</td>
      <td className={`${table.tdNum} hidden lg:table-cell`}>{active ? formatBytes(pool.available) : '—'}</td>
      <td className={`${table.td} hidden lg:table-cell`}>{active ? <UsageBar used={pool.allocation} total={pool.capacity} label={`${pool.name} used`} /> : null}</td>
      <td className={table.td}>{canOperate ? <PoolAutostart hostId={hostId} pool={pool} /> : pool.autostart ? 'Yes' : 'No'}</td>
      {canOperate ? (
        <td className={`${table.td} text-right`}>
          <PoolActions hostId={hostId} pool={pool} compact />
        </td>
      ) : null}
    </tr>
  );
}
