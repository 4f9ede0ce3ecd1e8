// attachDevice, updateDevice and detachDevice against the real libvirtd: a NIC (user networking,
// so no libvirt network is needed) on a guest without disks, in its definition and live. The
// guest has ACPI: without it the PC machine's PCI bus refuses hot-plug.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { isNoDomain } from '../../src/facade/errors.js';
import { daemon } from './daemon.js';
import { nextMatching } from './events.js';

const MAC = '52:54:00:7e:10:01';
const nic = (link?: 'up' | 'down') =>
  `<interface type='user'><mac address='${MAC}'/><model type='virtio'/>${link ? `<link state='${link}'/>` : ''}</interface>`;

function guestXml(name: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features><devices><graphics type='vnc' autoport='yes' listen='127.0.0.1'/></devices></domain>`;
}

describe('device attach, update and detach', () => {
  let lv: Libvirt;
  const name = daemon.uniqueName('devices');

  beforeAll(async () => {
    lv = await Libvirt.connect(daemon.qemuUnixUri());
    await lv.domains.define(guestXml(name));
  });
  afterAll(async () => {
    if (!lv) return;
    await lv.domains.destroy(name).catch(() => undefined);
    await lv.domains.undefine(name).catch((e: unknown) => {
      if (!isNoDomain(e)) throw e;
    });
    await lv.close();
  });

  it('changes the definition of a shut-off domain', async () => {
    await lv.domains.attachDevice(name, nic(), ['CONFIG']);
    expect(await lv.domains.getXml(name, { inactive: true })).toContain(MAC);
    await lv.domains.updateDevice(name, nic('down'), ['CONFIG']);
    expect(await lv.domains.getXml(name, { inactive: true })).toMatch(/<link state='down'\/>/);
    await lv.domains.detachDevice(name, nic(), ['CONFIG']);
    expect(await lv.domains.getXml(name, { inactive: true })).not.toContain(MAC);
  });

  it('plugs a NIC into a running domain and sets its link live only', async () => {
    await lv.domains.start(name);
    const added = await lv.events.deviceAdded({ dom: name });
    await lv.domains.attachDevice(name, nic(), ['LIVE']);
    // The hot-plug is announced by the NIC's alias (net0), which the live XML names too.
    const event = await nextMatching(added[Symbol.asyncIterator]());
    await added.unsubscribe();
    expect(event).toMatchObject({ domain: { name }, change: 'added' });
    expect(await lv.domains.getXml(name)).toContain(`<alias name='${event.alias}'/>`);
    expect(await lv.domains.getXml(name)).toContain(MAC);
    expect(await lv.domains.getXml(name, { inactive: true })).not.toContain(MAC);
    await lv.domains.updateDevice(name, nic('down'), ['LIVE']);
    expect(await lv.domains.getXml(name)).toMatch(/<link state='down'\/>/);
  });
});
