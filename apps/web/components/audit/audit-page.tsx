'use client';
import { useDeferredValue, useState } from 'react';
import { Forbidden } from '@virtdeck/ui/forbidden';
import { PageHeader } from '@virtdeck/ui/page-header';
import { useIsAdmin } from '~/lib/use-is-admin';
import { emptyFilter } from './audit-filter';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';

export function AuditPage() {
  const isAdmin = useIsAdmin();
  const [filter, setFilter] = useState(emptyFilter);
  // Typing in "action" does not ask the server on every key.
  const deferred = useDeferredValue(filter);
  return (
    <div className="space-y-5">
      <PageHeader title="Audit log" subtitle={isAdmin ? 'Who did what, where, and whether it worked. Times are local.' : undefined} />
      {isAdmin ? (
        <>
          <AuditFilters value={filter} onChange={setFilter} />
          <AuditTable filter={deferred} />
        </>
      ) : (
        <Forbidden what="The audit log" />
      )}
    </div>
  );
}
