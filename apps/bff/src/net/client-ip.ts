// The client's address, for login throttling, sessions and the audit log. Behind the web app's
// forwarder or a reverse proxy the socket peer is the proxy; X-Forwarded-For is believed only from
// the proxies listed in VIRTDECK_TRUSTED_PROXIES, and it is read from the right: each trusted hop
// appends the address it saw, so the first address from the right that is not a trusted proxy is
// the client. Anything left of it was written by the client and proves nothing.
import { BlockList, isIP } from 'node:net';

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function plain(address: string): string {
  const a = address.trim();
  return a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

export type ProxyListResult = { ok: true; list: BlockList } | { ok: false; bad: string[] };

/** Comma-separated addresses and CIDR ranges ("127.0.0.1, ::1, 10.1.0.0/16"); empty trusts none. */
export function parseProxyList(text: string): ProxyListResult {
  const list = new BlockList();
  const bad: string[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address = '', prefix, extra] = raw.split('/');
    const family = isIP(plain(address));
    if (family === 0 || extra !== undefined) {
      bad.push(raw);
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(plain(address), type);
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) bad.push(raw);
    else list.addSubnet(plain(address), bits, type);
  }
  return bad.length > 0 ? { ok: false, bad } : { ok: true, list };
}

/** Whether `address` (a socket peer, or an X-Forwarded-For entry) is one of the trusted proxies. */
export function isTrusted(list: BlockList, address: string): boolean {
  address = plain(address);
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address for a request from `peer` carrying `forwardedFor`. */
export function clientIp(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList): string {
  let client = plain(peer ?? 'unknown');
  // The header is looked at first: most requests have none, and the proxy check costs a lookup.
  if (forwardedFor === undefined || !isTrusted(trusted, client)) return client;
  // Several X-Forwarded-For lines read as one list, in order.
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!.slice(0, 64);
    if (!isTrusted(trusted, client)) break;
  }
  return client;
}
