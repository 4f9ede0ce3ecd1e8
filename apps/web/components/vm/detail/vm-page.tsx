'use client';
// One VM: header with lifecycle, then tabs. Kept live by the live bridge (it invalidates
// `domain.get` on this VM's events); a VM deleted behind our back says so.
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import Link from 'next/link';
import { useTRPC } from '~/lib/trpc';
import { errorCode, errorMessage } from '~/lib/trpc-errors';
import { VmHeader } from './vm-header';
import { VmTabs } from './vm-tabs';

export function VmPage({ hostId, uuid }: { hostId: string; uuid: string }) {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  const vm = useQuery(trpc.domain.get.queryOptions({ hostId, uuid }, { retry: (n, e) => errorCode(e) !== 'NOT_FOUND' && n < 1 }));
  const hostName = hosts.data?.find((h) => h.id === hostId)?.name ?? 'unknown host';

  if (vm.isPending) return <Skeleton className="h-64" label="Loading virtual machine" />;
  if (vm.isError) {
    if (errorCode(vm.error) === 'NOT_FOUND') {
      return (
        <div className="space-y-3">
          <EmptyState title="This VM does not exist (any more)" hint="It may have been deleted or undefined on the host." />
          <Link href="/vms" className="text-sm text-[var(--color-accent)] hover:underline">
            Back to the VM list
          </Link>
        </div>
      );
    }
    return <ErrorState title="Could not load this VM" message={errorMessage(vm.error)} />;
  }
  return (
    <div className="space-y-5">
      <VmHeader hostId={hostId} hostName={hostName} vm={vm.data} />
      <VmTabs hostId={hostId} vm={vm.data} version={vm.dataUpdatedAt} />
    </div>
  );
}
