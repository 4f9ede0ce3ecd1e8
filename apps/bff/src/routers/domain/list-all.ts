// The VM list's whole first answer in one call: every host this user may see, with its
// connection state and (when connected) its domains from the live list cache, so a page needs no
// chain of session, then hosts, then one list per host.
import type { DomainSummary } from '@virtdeck/libvirt-client';
import { visibleHostIds } from '../../auth/roles.js';
import type { Context } from '../../context.js';
import type { User } from '../../auth/users.js';
import { listHosts } from '../../db/hosts.js';
import { connectErrorSummary } from '../../hosts/connect-errors.js';
import type { HostState } from '../../hosts/host-connection.js';

export interface HostDomains {
  id: string;
  name: string;
  state: HostState;
  /** In no particular order (the page sorts); empty when the host is away or its list failed (see `error`). */
  domains: DomainSummary[];
  /** Why the domains are missing: the host is away, or listing failed. */
  error: string | null;
}

export async function listAllDomains(ctx: Pick<Context, 'db' | 'hosts' | 'domainLists'>, user: User): Promise<HostDomains[]> {
  const hosts = await listHosts(ctx.db);
  const visible = new Set(visibleHostIds(user, hosts.map((h) => h.id)));
  return Promise.all(
    hosts
      .filter((h) => visible.has(h.id))
      .map(async (h): Promise<HostDomains> => {
        const conn = ctx.hosts.connection(h.id);
        const base = { id: h.id, name: h.name, state: conn.state };
        if (conn.state.status !== 'connected') return { ...base, domains: [], error: `not connected (${conn.state.status})${conn.state.error ? `: ${conn.state.error}` : ''}` };
        try {
          const domains = await ctx.domainLists.list(h.id, await conn.client());
          return { ...base, domains, error: null };
        } catch (e) {
          return { ...base, domains: [], error: connectErrorSummary(e) };
        }
      }),
  );
}
