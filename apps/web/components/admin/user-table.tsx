'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { useMe } from '~/lib/use-me';
import { table } from '@virtdeck/ui/table-style';
import { UserRow } from './user-row';

export function UserTable() {
  const trpc = useTRPC();
  const me = useMe();
  const users = useQuery(trpc.user.list.queryOptions());
  const hosts = useQuery(trpc.host.list.queryOptions());
  if (users.isPending) return <Skeleton className="h-40" label="Loading users" />;
  if (users.isError) return <ErrorState title="Could not list users" message={users.error.message} />;
  if (users.data.length === 0) return <EmptyState title="No users" />;
  const hostNames = new Map((hosts.data ?? []).map((h) => [h.id, h.name]));
  return (
    <div className={table.wrap}>
      <table className={table.table} aria-label="Users">
        <thead className={table.thead}>
          <tr>
            <th className={table.th}>User</th>
            <th className={table.th}>Role</th>
            <th className={table.th}>Hosts</th>
            <th className={table.th}>Status</th>
            <th className={table.th}>Created</th>
            <th className={`${table.th} text-right`}>Actions</th>
          </tr>
        </thead>
        <tbody className={table.tbody}>
          {users.data.map((u) => (
            <UserRow key={u.id} user={u} hostNames={hostNames} isSelf={u.id === me?.user.id} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
