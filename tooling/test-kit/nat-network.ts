// A libvirt network with DHCP for tests that need a guest's lease (the LEASE address source):
// a 192.168.N.0/24 no route of this machine uses yet, libvirt's dnsmasq handing out .100-.199.
// The demo guest (guest-image.ts) only asks DHCP on it: no traffic goes beyond the bridge.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

export interface TestNetwork {
  name: string;
  /** The third octet N of 192.168.N.0/24. */
  octet: number;
  /** The host's address on the bridge, 192.168.N.1. */
  gateway: string;
  xml: string;
}

/** Third octets of 192.168.N.0/24 routes the machine has now (libvirt networks that run included). */
function octetsInUse(): Set<number> {
  const routes = execFileSync('ip', ['-4', 'route'], { encoding: 'utf8' });
  return new Set([...routes.matchAll(/\b192\.168\.(\d+)\./g)].map((m) => Number(m[1])));
}

/**
 * A network named `name` on a free 192.168.N.0/24 (N in 100..249, picked at random so suites
 * running at once seldom collide; starting it fails loudly if one does). NAT by default, as the
 * dashboard's users have it; 'isolated' has no <forward> at all.
 */
export function testNetwork(name: string, mode: 'nat' | 'isolated' = 'nat'): TestNetwork {
  const used = octetsInUse();
  const free = Array.from({ length: 150 }, (_, i) => 100 + i).filter((n) => !used.has(n));
  if (free.length === 0) throw new Error('no free 192.168.N.0/24 in 100..249 for a test network');
  const octet = free[randomInt(free.length)]!;
  const net = `192.168.${octet}`;
  const forward = mode === 'nat' ? "<forward mode='nat'/>" : '';
  const xml = `<network>
  <name>${name}</name>
  ${forward}
  <ip address='${net}.1' netmask='255.255.255.0'>
    <dhcp><range start='${net}.100' end='${net}.199'/></dhcp>
  </ip>
</network>`;
  return { name, octet, gateway: `${net}.1`, xml };
}
