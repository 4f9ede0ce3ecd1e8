import type { RouterOutputs } from '../hosts/kit/api-types';
import { formatTime } from '../hosts/kit/format';
import { table } from '../hosts/kit/table-style';
import { ToneBadge } from '../hosts/kit/tone-badge';

type Entry = RouterOutputs['audit']['list']['items'][number];

export function AuditRow({ entry, hostName, userNames }: { entry: Entry; hostName: string | null; userNames: Map<string, string> }) {
  const object = entry.objectType === 'user' ? (userNames.get(entry.objectName) ?? entry.objectName) : entry.objectName;
  return (
    <tr data-testid="audit-row" data-result={entry.result}>
      <td className={`${table.td} whitespace-nowrap tabular-nums text-zinc-600 dark:text-zinc-400`}>
        <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
      </td>
      <td className={`${table.td} font-medium break-words`}>{entry.username}</td>
      <td className={table.td}>{hostName ?? (entry.hostId ? <span className="font-mono text-xs">{entry.hostId}</span> : '—')}</td>
      <td className={table.td}>
        <span className="text-zinc-500">{entry.objectType}</span> <span className="font-medium break-words">{object}</span>
      </td>
      <td className={`${table.td} font-mono text-xs whitespace-nowrap`}>{entry.action}</td>
      <td className={table.td}>
        <ToneBadge tone={entry.result === 'ok' ? 'green' : 'red'}>{entry.result}</ToneBadge>
      </td>
      <td className={`${table.td} max-w-80 truncate text-xs text-zinc-500`} title={entry.detail ?? undefined}>
        {entry.detail ?? ''}
      </td>
    </tr>
  );
}
