'use client';
import { Forbidden } from '@virtdeck/ui/forbidden';
import { PageHeader } from '@virtdeck/ui/page-header';
import { useIsAdmin } from '~/lib/use-is-admin';
import { CreateUserDialog } from './create-user-dialog';
import { UserTable } from './user-table';

export function UsersPage() {
  const isAdmin = useIsAdmin();
  if (!isAdmin) {
    return (
      <div className="space-y-5">
        <PageHeader title="Users" />
        <Forbidden what="User management" />
      </div>
    );
  }
  return (
    <div className="space-y-5">
      <PageHeader title="Users" subtitle="Who may sign in, with which role, on which hosts." actions={<CreateUserDialog />} />
      <UserTable />
    </div>
  );
}
