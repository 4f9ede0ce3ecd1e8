import type { RouterOutputs } from '~/lib/api-types';
import { formatTime } from '~/lib/format';
import { table } from '@virtdeck/ui/table-style';
import { Badge } from '@virtdeck/ui/badge';

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
        <Badge tone={entry.result === 'ok' ? 'green' : 'red'}>{entry.result}</Badge>
      </td>
      <td className={`${table.td} max-w-80 truncate text-xs text-zinc-500`} title={entry.detail ?? undefined}>
        {entry.detail ?? ''}
      </td>
    </tr>
  );
}
