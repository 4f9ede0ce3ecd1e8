// Defining, updating and undefining a network on the real daemon's network driver (the test
// driver has no virNetworkUpdate and no DHCP leases): an isolated network with a DHCP range on a
// free 192.168.x/24, started for real (dnsmasq), a static DHCP host added, changed and removed
// live and in the definition, its (empty) lease list read, then removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { isNoNetwork } from '../../src/facade/errors.js';
import { daemon } from './daemon.js';

const name = daemon.uniqueName('fnet');
const octet = 20 + (process.pid % 80); // 192.168.20-99: test-kit's testNetwork takes 100-249
const bridge = `vdf${(process.pid % 100_000).toString(36)}${Date.now().toString(36).slice(-5)}`.slice(0, 15);
const xml = `<network><name>${name}</name><bridge name='${bridge}'/>
  <ip address='192.168.${octet}.1' prefix='24'><dhcp><range start='192.168.${octet}.100' end='192.168.${octet}.150'/></dhcp></ip></network>`;

describe('network define, update and DHCP leases on the qemu driver', () => {
  let lv: Libvirt;

  beforeAll(async () => {
    lv = await Libvirt.connect(daemon.qemuUnixUri());
  });
  afterAll(async () => {
    await lv?.networks.destroy(name).catch(() => {});
    await lv?.networks.undefine(name).catch(() => {});
    await lv?.close();
  });

  it('defines, starts, updates a DHCP host live and in the config, lists leases, undefines', async () => {
    await lv.networks.define(xml);
    expect(await lv.networks.get(name)).toMatchObject({ active: false, persistent: true });
    await lv.networks.start(name);

    const host = `<host mac='52:54:00:aa:bb:01' name='h1' ip='192.168.${octet}.10'/>`;
    await lv.networks.update(name, { command: 'ADD_LAST', section: 'IP_DHCP_HOST', xml: host, flags: ['LIVE', 'CONFIG'] });
    expect(await lv.networks.getXml(name)).toContain(`ip='192.168.${octet}.10'`);
    expect(await lv.networks.getXml(name, { inactive: true })).toContain(`ip='192.168.${octet}.10'`);

    const moved = `<host mac='52:54:00:aa:bb:01' name='h1' ip='192.168.${octet}.11'/>`;
    await lv.networks.update(name, { command: 'MODIFY', section: 'IP_DHCP_HOST', xml: moved, flags: ['LIVE', 'CONFIG'] });
    expect(await lv.networks.getXml(name)).toContain(`ip='192.168.${octet}.11'`);

    await lv.networks.update(name, { command: 'DELETE', section: 'IP_DHCP_HOST', xml: moved, flags: ['LIVE', 'CONFIG'] });
    expect(await lv.networks.getXml(name, { inactive: true })).not.toContain('52:54:00:aa:bb:01');

    expect(await lv.networks.dhcpLeases(name)).toEqual([]);

    await lv.networks.destroy(name);
    await lv.networks.undefine(name);
    expect(isNoNetwork(await lv.networks.lookup(name).catch((e: unknown) => e))).toBe(true);
  });
});
