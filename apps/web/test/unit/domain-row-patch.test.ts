// How a lifecycle event's row changes the cached VM list: that row alone (the others stay the same
// objects, so they do not re-render), a new VM added, a gone one dropped; and a change that
// arrives while the list is being fetched is applied again to the answer, which may predate it.
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@virtdeck/bff';
import { describe, expect, it } from 'vitest';
import { patchDomainRow, replayOnListAllFetched } from '../../lib/domain-row-patch';

const row = (uuid: string, state: 'running' | 'paused' | 'shutoff') => ({ name: `vm-${uuid}`, uuid, id: state === 'shutoff' ? null : 1, state, vcpus: 1, memoryKiB: 1024, maxMemoryKiB: 1024 });
const host = (domains: ReturnType<typeof row>[]) => ({ id: 'h1', name: 'local', state: { hostId: 'h1', status: 'connected' as const, since: 0, error: null }, domains, error: null });

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // The client is never called: the proxy only makes the query keys.
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: createTRPCClient<AppRouter>({ links: [] }), queryClient });
  const key = trpc.domain.listAll.queryKey();
  const domains = () => queryClient.getQueryData(key)?.[0]?.domains.map((d) => `${d.uuid}:${d.state}`);
  return { queryClient, trpc, key, domains };
}

describe('patchDomainRow', () => {
  it('changes the named row, adds a new VM and drops a gone one', () => {
    const { queryClient, trpc, key, domains } = setup();
    const a = row('a', 'running');
    queryClient.setQueryData(key, [host([a, row('b', 'running')])] as never);
    patchDomainRow(queryClient, trpc, 'h1', 'b', row('b', 'paused'));
    expect(domains()).toEqual(['a:running', 'b:paused']);
    expect(queryClient.getQueryData(key)?.[0]?.domains[0]).toBe(a);
    patchDomainRow(queryClient, trpc, 'h1', 'c', row('c', 'shutoff'));
    patchDomainRow(queryClient, trpc, 'h1', 'a', null);
    expect(domains()).toEqual(['b:paused', 'c:shutoff']);
  });

  it('applies a change that arrived during a fetch to its answer', async () => {
    const { queryClient, trpc, key, domains } = setup();
    const stop = replayOnListAllFetched(queryClient, trpc);
    let answer: (v: unknown) => void = () => {};
    const fetching = queryClient.fetchQuery({ queryKey: key, queryFn: () => new Promise((resolve) => (answer = resolve)) as never });
    patchDomainRow(queryClient, trpc, 'h1', 'a', row('a', 'paused'));
    answer([host([row('a', 'running')])]); // read before the pause
    await fetching;
    expect(domains()).toEqual(['a:paused']);
    stop();
  });
});
