// A static DHCP host added, changed or removed with virNetworkUpdate: in the running network
// (dnsmasq rereads its hosts) and in the definition at once. Checked against the network first, so
// a MAC already taken, or one that is not there, is refused naming the field and nothing changes.
import type { Libvirt, NetworkUpdateCommand } from '@virtdeck/libvirt-client';
import { buildDhcpHostXml, parseNetworkXml } from '@virtdeck/libvirt-xml';
import type { NetworkDhcpHostInput } from '@virtdeck/contract/network';
import { fieldError } from '../field-error.js';

const COMMANDS: Record<NetworkDhcpHostInput['command'], NetworkUpdateCommand> = { add: 'ADD_LAST', modify: 'MODIFY', delete: 'DELETE' };

export async function updateDhcpHost(lv: Libvirt, input: NetworkDhcpHostInput): Promise<void> {
  const summary = await lv.networks.get(input.name);
  // The definition is what stays; a running network's live state matches it for the hosts we manage.
  const model = parseNetworkXml(await lv.networks.getXml(input.name, { inactive: summary.persistent }));
  const parentIndex = model.ips.findIndex((ip) => ip.family === input.family);
  const ip = model.ips[parentIndex];
  if (!ip || ip.prefix === undefined) throw fieldError('family', `network ${input.name} has no ${input.family === 'ipv4' ? 'IPv4' : 'IPv6'} address to serve hosts on`);
  const { host } = input;
  const xml = buildDhcpHostXml(
    { ip: host.ip, ...(host.mac !== undefined && { mac: host.mac }), ...(host.name !== undefined && { name: host.name }) },
    { family: input.family, address: ip.address, prefix: ip.prefix },
  );
  // IPv4 hosts are matched by MAC, IPv6 ones by name (as libvirt does).
  const key = input.family === 'ipv4' ? host.mac?.toLowerCase() : host.name;
  const existing = ip.dhcpHosts.find((h) => (input.family === 'ipv4' ? h.mac?.toLowerCase() : h.name) === key);
  const keyField = input.family === 'ipv4' ? 'MAC' : 'name';
  if (input.command === 'add' && existing) throw fieldError('host', `a static host with ${keyField} ${key} is already there (${existing.ip ?? 'no address'}): change it instead`);
  if (input.command === 'add') {
    const taken = ip.dhcpHosts.find((h) => h.ip === host.ip);
    if (taken) throw fieldError('host', `${host.ip} is already given to ${taken.mac ?? taken.name ?? 'another host'}`);
  }
  if (input.command !== 'add' && !existing) throw fieldError('host', `network ${input.name} has no static host with ${keyField} ${key ?? '(none given)'}`);
  const flags = summary.active ? (summary.persistent ? (['LIVE', 'CONFIG'] as const) : (['LIVE'] as const)) : (['CONFIG'] as const);
  await lv.networks.update(input.name, { command: COMMANDS[input.command], section: 'IP_DHCP_HOST', xml, parentIndex, flags });
}
