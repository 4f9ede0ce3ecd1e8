// Facade reads users of go-libvirt and libvirt-python reach for: a domain's info with CPU time,
// isActive/isPersistent of domains and pools, list flags, typed-parameter groups; and the
// fields of a daemon's error (str1-str3, int1-int2). On a test-driver node file of our own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt, LibvirtError, VirErrorDomain, VirErrorNumber } from '../../src/index.js';
import { daemon } from './daemon.js';
import { makeTestNode, type TestNode } from './test-node.js';

let node: TestNode;
let lv: Libvirt;

beforeAll(async () => {
  node = await makeTestNode('info-params');
  lv = await Libvirt.connect(daemon.testUnixUri(node.file));
});

afterAll(async () => {
  await lv?.close();
  await node?.remove();
});

describe('domains', () => {
  it('getInfo gives the CPU time with state, memory and vCPUs', async () => {
    const info = await lv.domains.getInfo(node.domain);
    expect(info).toMatchObject({ state: 'running', maxMemoryKiB: 65536, memoryKiB: 65536, vcpus: 1 });
    expect(typeof info.cpuTimeNs).toBe('bigint');
    expect(info.cpuTimeNs).toBeGreaterThan(0n);
  });

  it('isActive and isPersistent follow the domain: a transient one is not persistent', async () => {
    expect(await lv.domains.isActive(node.domain)).toBe(true);
    expect(await lv.domains.isPersistent(node.domain)).toBe(true);
    await lv.domains.destroy(node.domain);
    expect(await lv.domains.isActive(node.domain)).toBe(false);
    await lv.domains.start(node.domain);
  });

  it('list takes virConnectListAllDomains flags', async () => {
    const names = async (flags: Parameters<Libvirt['domains']['list']>[0]): Promise<string[]> => (await lv.domains.list(flags)).map((d) => d.name);
    expect(await names(['ACTIVE'])).toContain(node.domain);
    expect(await names(['INACTIVE'])).not.toContain(node.domain);
    await lv.domains.suspend(node.domain);
    expect(await names(['PAUSED'])).toEqual([node.domain]);
    await lv.domains.resume(node.domain);
    expect(await names(['PAUSED'])).toEqual([]);
  });

  it('reads and writes typed-parameter groups with the daemon’s types', async () => {
    expect(await lv.domains.getParameters(node.domain, 'scheduler')).toEqual({ weight: 50 });
    // ULLONG, UINT and STRING fields, each encoded with the type the daemon reported.
    await lv.domains.setParameters(node.domain, 'memory', { hard_limit: 1048576 });
    await lv.domains.setParameters(node.domain, 'blkio', { weight: 300 });
    await lv.domains.setParameters(node.domain, 'numa', { numa_nodeset: '0' });
    expect(await lv.domains.getParameters(node.domain, 'memory')).toMatchObject({ hard_limit: 1048576, soft_limit: 2 ** 53 - 1 });
    expect(await lv.domains.getParameters(node.domain, 'blkio')).toMatchObject({ weight: 300, device_weight: '' });
    expect(await lv.domains.getParameters(node.domain, 'numa', ['LIVE'])).toEqual({ numa_mode: 0, numa_nodeset: '0' });
    await expect(lv.domains.setParameters(node.domain, 'scheduler', { no_such_field: 1 })).rejects.toThrow(RangeError);
  });
});

describe('pools', () => {
  it('isActive/isPersistent, and list flags', async () => {
    const name = daemon.uniqueName('pool');
    await lv.pools.define(`<pool type='dir'><name>${name}</name><target><path>/nonexistent/${name}</path></target></pool>`);
    try {
      expect(await lv.pools.isActive(name)).toBe(false);
      expect(await lv.pools.isPersistent(name)).toBe(true);
      expect((await lv.pools.list(['INACTIVE'])).map((p) => p.name)).toContain(name);
      await lv.pools.start(name);
      expect(await lv.pools.isActive(name)).toBe(true);
      expect((await lv.pools.list(['ACTIVE', 'DIR'])).map((p) => p.name)).toContain(name);
      expect((await lv.pools.list(['INACTIVE'])).map((p) => p.name)).not.toContain(name);
      await lv.pools.destroy(name);
    } finally {
      await lv.pools.undefine(name);
    }
  });
});

describe('errors', () => {
  it('keep str1-str3 and int1-int2 of the daemon’s remote_error', async () => {
    const e = await lv.domains.lookup('vdtest-no-such-domain').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LibvirtError);
    expect(e).toMatchObject({ code: VirErrorNumber.ERR_NO_DOMAIN, domain: VirErrorDomain.TEST, str1: 'Domain not found', str2: null, str3: null, int1: -1, int2: -1 });
  });

  it('an argument over libvirt’s limit is VIR_ERR_RPC from VIR_FROM_RPC, as libvirt’s C library reports it', async () => {
    const e = await lv.domains.lookup('x'.repeat(5 * 1024 * 1024)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LibvirtError);
    expect(e).toMatchObject({
      code: VirErrorNumber.ERR_RPC,
      domain: VirErrorDomain.RPC,
      message: 'Unable to encode message payload',
      str1: '%s',
      str2: 'Unable to encode message payload',
      int1: -1,
    });
    // The connection still works: nothing was sent.
    expect(await lv.domains.isActive(node.domain)).toBe(true);
  });
});
