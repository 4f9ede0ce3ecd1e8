import { tracked } from '@trpc/server';
import { on } from 'node:events';
import { EventEmitter } from 'node:events';
import { TRPCError } from '@trpc/server';
import { can, visibleHostIds } from '../auth/roles.js';
import type { User } from '../auth/users.js';
import { addHost, getHost, hostInputSchema, listHosts, removeHost } from '../db/hosts.js';
import { listPoolRoots, poolRootsSchema, setPoolRoots } from '../db/pool-roots.js';
import { hostIdSchema, hostReadProcedure } from '../hosts/access.js';
import { connectErrorSummary } from '../hosts/connect-errors.js';
import { checkHostUri, uriPolicyOf, UriPolicyError } from '../hosts/uri-policy.js';
import type { HostState } from '../hosts/host-connection.js';
import { adminProcedure, router, viewerProcedure } from '../trpc.js';
import { z } from 'zod';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { probeHost } from '../hosts/connect.js';
import { parseCapabilitiesXml } from '@virtdeck/libvirt-xml';

/**
 * A host's URI is for admins only: its parameters name sockets, users and key files. Others see
 * a host's name and state.
 */
function withUri<T extends { uri: string }>(user: User, host: T): T | (Omit<T, 'uri'> & { uri: null }) {
  return can(user, 'admin') ? host : { ...host, uri: null };
}

/** A URI the host policy refuses is a bad input naming the field. */
function allowedUri(uri: string, config: Parameters<typeof uriPolicyOf>[0]): void {
  try {
    checkHostUri(uri, uriPolicyOf(config));
  } catch (e) {
    if (e instanceof UriPolicyError) throw new TRPCError({ code: 'BAD_REQUEST', message: `uri: ${e.message}`, cause: e });
    throw e;
  }
}

async function knownHost(db: Parameters<typeof getHost>[0], hostId: string): Promise<void> {
  if (!(await getHost(db, hostId))) throw new TRPCError({ code: 'NOT_FOUND', message: `no host with id ${hostId}` });
}

/** What a daemon says it is: libvirt and hypervisor versions and its host name. */
async function hostIdentity(lv: Libvirt) {
  const [versions, hostname] = await Promise.all([lv.host.versions(), lv.host.hostname()]);
  return { libvirtVersion: versions.libvirt, hypervisor: versions.hypervisor, hostname };
}

export const hostRouter = router({
  /** The hosts this user may see, each with its connection state. */
  list: viewerProcedure.query(async ({ ctx }) => {
    const hosts = await listHosts(ctx.db);
    const visible = new Set(visibleHostIds(ctx.auth.user, hosts.map((h) => h.id)));
    const states = new Map(ctx.hosts.states().map((s) => [s.hostId, s]));
    return hosts.filter((h) => visible.has(h.id)).map((h) => withUri(ctx.auth.user, { ...h, state: states.get(h.id) ?? null }));
  }),

  /**
   * Every visible host at a glance: connection state, versions, CPUs, memory and VM counts by
   * state. Hosts are asked in parallel, and a host that is down or slow costs only its own row.
   */
  overview: viewerProcedure.query(async ({ ctx }) => {
    const hosts = await listHosts(ctx.db);
    const visible = new Set(visibleHostIds(ctx.auth.user, hosts.map((h) => h.id)));
    return Promise.all(
      hosts
        .filter((h) => visible.has(h.id))
        .map(async (h) => {
          const conn = ctx.hosts.connection(h.id);
          const base = withUri(ctx.auth.user, { id: h.id, name: h.name, uri: h.uri, state: conn.state });
          if (conn.state.status !== 'connected') return { ...base, info: null, error: conn.state.error };
          try {
            const lv = await conn.client();
            const [versions, node, domains] = await Promise.all([lv.host.versions(), lv.host.nodeInfo(), ctx.domainLists.list(h.id, lv)]);
            const counts: Record<string, number> = {};
            for (const d of domains) counts[d.state] = (counts[d.state] ?? 0) + 1;
            return { ...base, info: { ...versions, node, vmCounts: counts, vmTotal: domains.length }, error: null };
          } catch (e) {
            return { ...base, info: null, error: connectErrorSummary(e) };
          }
        }),
    );
  }),

  /** Versions, hostname and (from the libvirt client) what the host reports about itself. */
  info: hostReadProcedure.query(async ({ ctx }) => {
    const [identity, node, freeMemory, capabilities] = await Promise.all([
      hostIdentity(ctx.lv),
      ctx.lv.host.nodeInfo(),
      ctx.lv.host.freeMemory(),
      ctx.lv.host.capabilitiesXml(),
    ]);
    return { hostId: ctx.hostId, ...identity, node, freeMemoryBytes: freeMemory, capabilities: parseCapabilitiesXml(capabilities) };
  }),

  add: adminProcedure
    .meta({ audit: { objectType: 'host', action: 'add' } })
    .input(hostInputSchema)
    .mutation(async ({ ctx, input }) => {
      allowedUri(input.uri, ctx.config);
      const host = await addHost(ctx.db, input);
      ctx.hosts.add(host);
      return host;
    }),

  remove: adminProcedure
    .meta({ audit: { objectType: 'host', action: 'remove' } })
    .input(z.object({ hostId: hostIdSchema }))
    .mutation(async ({ ctx, input }) => {
      await ctx.hosts.remove(input.hostId);
      return { removed: await removeHost(ctx.db, input.hostId) };
    }),

  /**
   * Tries a URI without registering it: what a daemon answers there. A failure is summarised
   * (the daemon's own words may quote a file it read), as a host's state is.
   */
  test: adminProcedure
    .meta({ audit: { objectType: 'host', action: 'test' } })
    .input(z.object({ uri: hostInputSchema.shape.uri }))
    .mutation(async ({ ctx, input }) => {
      allowedUri(input.uri, ctx.config);
      const failed = (e: unknown) => new TRPCError({ code: 'BAD_GATEWAY', message: connectErrorSummary(e) });
      const lv = await probeHost(input.uri).catch((e: unknown) => {
        throw failed(e);
      });
      try {
        return await hostIdentity(lv).catch((e: unknown) => {
          throw failed(e);
        });
      } finally {
        await lv.close();
      }
    }),

  /**
   * The folders (or devices) storage pools may use on the host: a new pool's target and source
   * paths must lie under one of them. Admins only, as defining a pool is.
   */
  poolRoots: adminProcedure.input(z.object({ hostId: hostIdSchema })).query(async ({ ctx, input }) => {
    await knownHost(ctx.db, input.hostId);
    return { hostId: input.hostId, roots: await listPoolRoots(ctx.db, input.hostId) };
  }),

  setPoolRoots: adminProcedure
    .meta({ audit: { objectType: 'host', action: 'set-pool-roots' } })
    .input(z.object({ hostId: hostIdSchema, roots: poolRootsSchema }))
    .mutation(async ({ ctx, input }) => {
      await knownHost(ctx.db, input.hostId);
      return { hostId: input.hostId, roots: await setPoolRoots(ctx.db, input.hostId, input.roots) };
    }),

  /** Connection state changes of the hosts this user may see, live. */
  states: viewerProcedure.subscription(async function* ({ ctx, signal }) {
    const emitter = new EventEmitter();
    const off = ctx.hosts.onState((s) => emitter.emit('state', s));
    let seq = 0;
    try {
      const visible = () => new Set(visibleHostIds(ctx.auth.user, ctx.hosts.targets().map((t) => t.id)));
      for (const s of ctx.hosts.states()) if (visible().has(s.hostId)) yield tracked(String(++seq), s);
      for await (const [s] of on(emitter, 'state', { signal }) as AsyncIterable<[HostState]>) {
        if (visible().has(s.hostId)) yield tracked(String(++seq), s);
      }
    } finally {
      off();
    }
  }),
});
