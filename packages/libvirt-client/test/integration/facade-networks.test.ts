// Networks and a few host and event paths on the test driver, with a node file of our own
// (a private driver instance: nothing shared with other tests or guests).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { isNoNetwork } from '../../src/facade/errors.js';
import { daemon } from './daemon.js';
import { nextMatching as first } from './events.js';

const nodeXml = `<node>
  <domain type='test'><name>tvm</name><memory unit='MiB'>256</memory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os></domain>
  <network><name>tnet</name><bridge name='tbr0'/><forward/><ip address='192.168.250.1' netmask='255.255.255.0'/></network>
  <network><name>tnet2</name><bridge name='tbr1'/></network>
</node>`;

describe('networks on the test driver', () => {
  let lv: Libvirt;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vdtest-facade-node-'));
    const file = path.join(dir, 'node.xml');
    await writeFile(file, nodeXml);
    lv = await Libvirt.connect(daemon.testUnixUri(file));
  });
  afterAll(async () => {
    await lv?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists networks with flags, XML, stop/start, autostart, with lifecycle events', async () => {
    const list = await lv.networks.list();
    expect(list.map((n) => n.name).sort()).toEqual(['tnet', 'tnet2']);
    expect(list.find((n) => n.name === 'tnet')).toMatchObject({ active: true, persistent: true, autostart: false });
    expect(await lv.networks.getXml('tnet')).toContain("<bridge name='tbr0'");
    expect(isNoNetwork(await lv.networks.lookup('nope').catch((e: unknown) => e))).toBe(true);

    const events = await lv.events.networkLifecycle({ network: 'tnet' });
    const it = events[Symbol.asyncIterator]();
    try {
      await lv.networks.destroy('tnet');
      expect((await lv.networks.get('tnet')).active).toBe(false);
      expect(await first(it)).toMatchObject({ network: { name: 'tnet' }, event: 'stopped' });
      const { uuid } = await lv.networks.get('tnet');
      await lv.networks.start(uuid);
      expect(await first(it)).toMatchObject({ network: { name: 'tnet', uuid }, event: 'started' });
      await lv.networks.setAutostart('tnet', true);
      expect((await lv.networks.get('tnet')).autostart).toBe(true);
    } finally {
      await events.unsubscribe();
    }
  });

  it('a domain-filtered subscription ended by its AbortSignal', async () => {
    const ac = new AbortController();
    const events = await lv.events.domainLifecycle({ dom: 'tvm', signal: ac.signal });
    const it = events[Symbol.asyncIterator]();
    await lv.domains.suspend('tvm');
    expect(await first(it)).toMatchObject({ domain: { name: 'tvm' }, event: 'suspended', detail: 'paused' });
    await lv.domains.resume('tvm');
    expect(await first(it)).toMatchObject({ event: 'resumed', detail: 'unpaused' });
    ac.abort();
    expect((await it.next()).done).toBe(true);
    expect(events.active).toBe(false);
    await events.unsubscribe(); // after abort: still fine
  });

  it('test driver host info', async () => {
    const node = await lv.host.nodeInfo();
    expect(node).toMatchObject({ cpus: expect.any(Number) as number, model: expect.any(String) as string });
    expect((await lv.host.hypervisor()).type).toBe('TEST');
  });
});
