// The first page's early batch: the URL is the one tRPC's own batch link asks for (so the HTML's
// preload and the client's fetch name the same request), and its answers come back as the client
// would give them: data, or the tRPC error thrown.
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@virtdeck/bff';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstPageProcedures, firstPageUrl, readBatch } from '../../lib/first-page-batch';

/** The URL httpBatchLink requests for these queries called in one tick. */
async function linkUrl(call: (c: ReturnType<typeof createTRPCClient<AppRouter>>) => Promise<unknown>[]): Promise<string> {
  const urls: string[] = [];
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        fetch: async (url) => {
          urls.push(String(url));
          return new Response(JSON.stringify(Array.from({ length: 3 }, () => ({ result: { data: null } }))), { headers: { 'content-type': 'application/json' } });
        },
      }),
    ],
  });
  await Promise.allSettled(call(client));
  expect(urls).toHaveLength(1);
  return urls[0]!;
}

describe('first page batch', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('asks for the session and the page’s own data by path', () => {
    expect(firstPageProcedures('/vms')).toEqual(['auth.me', 'domain.listAll']);
    expect(firstPageProcedures('/vms/')).toEqual(['auth.me', 'domain.listAll']);
    expect(firstPageProcedures('/')).toEqual(['auth.me', 'host.overview']);
    expect(firstPageProcedures('/vms/h/u')).toEqual(['auth.me']);
    expect(firstPageProcedures('/storage')).toEqual(['auth.me']);
  });

  it('names the request tRPC’s batch link sends for the same queries', async () => {
    expect(firstPageUrl(['auth.me', 'domain.listAll'])).toBe(await linkUrl((c) => [c.auth.me.query(), c.domain.listAll.query()]));
    expect(firstPageUrl(['auth.me', 'host.overview'])).toBe(await linkUrl((c) => [c.auth.me.query(), c.host.overview.query()]));
    expect(firstPageUrl(['auth.me'])).toBe(await linkUrl((c) => [c.auth.me.query()]));
  });

  it('reads only an answer shaped as the batch', () => {
    expect(readBatch(['auth.me'], { error: 'x' })).toBeNull();
    expect(readBatch(['auth.me', 'domain.listAll'], [{ result: { data: null } }])).toBeNull();
    expect(readBatch(['auth.me'], [{ nothing: 1 }])).toBeNull();
    expect(readBatch(['auth.me'], [{ result: { data: null } }])?.get('auth.me')).toEqual({ result: { data: null } });
  });

  it('gives each answer once: data, or the error as a TRPCClientError', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      const unauthorized = { message: 'Sign in first', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } };
      return new Response(JSON.stringify([{ result: { data: null } }, { error: unauthorized }]));
    });
    const batch = await import('../../lib/first-page-batch');
    batch.startFirstPageFetch('/vms');
    batch.startFirstPageFetch('/vms');
    expect(fetched).toEqual([firstPageUrl(['auth.me', 'domain.listAll'])]);
    await expect(batch.takeFirstPageAnswer('auth.me')).resolves.toEqual({ data: null });
    expect(batch.takeFirstPageAnswer('auth.me')).toBeUndefined();
    expect(batch.takeFirstPageAnswer('host.overview')).toBeUndefined();
    const error = await batch.takeFirstPageAnswer('domain.listAll')!.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
  });

  it('leaves the queries to ask the usual way when the batch fails as a whole', async () => {
    vi.stubGlobal('fetch', async () => new Response('Bad gateway', { status: 502 }));
    const batch = await import('../../lib/first-page-batch');
    batch.startFirstPageFetch('/');
    await expect(batch.takeFirstPageAnswer('host.overview')).resolves.toBeNull();
  });
});
