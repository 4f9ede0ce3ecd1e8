// Host CPU and memory counters (virNodeGetCPUStats, virNodeGetMemoryStats) compared with what
// the daemon itself reports through virsh: the qemu driver reads the machine's /proc, the test
// driver answers fixed CPU counters and has no memory stats (VIR_ERR_NO_SUPPORT).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNoSupport, Libvirt } from '../../src/index.js';
import { daemon } from './daemon.js';

let qemu: Libvirt;
let test: Libvirt;

beforeAll(async () => {
  qemu = await Libvirt.connect(daemon.qemuUnixUri());
  test = await Libvirt.connect(daemon.testUnixUri());
});

afterAll(async () => {
  await qemu?.close();
  await test?.close();
});

function virsh(uri: string, ...args: string[]): Record<string, bigint> {
  const out = execFileSync('virsh', ['-c', uri, ...args], { encoding: 'utf8' });
  const fields: Record<string, bigint> = {};
  for (const m of out.matchAll(/^(\w+)\s*:\s*(\d+)/gm)) fields[m[1]!] = BigInt(m[2]!);
  return fields;
}

describe('host counters', () => {
  it('cpuStats answers the test driver’s fixed counters, as virsh reads them', async () => {
    const stats = await test.host.cpuStats();
    const expected = virsh(daemon.testUnixUri(), 'nodecpustats');
    // virsh names the kernel field "system".
    expect(stats).toMatchObject({ user: expected.user, kernel: expected.system, idle: expected.idle, iowait: expected.iowait });
  });

  it('cpuStats on the qemu driver: counters that only grow', async () => {
    const a = await qemu.host.cpuStats();
    const b = await qemu.host.cpuStats();
    expect(a.idle + a.user + a.kernel).toBeGreaterThan(0n);
    expect(b.user).toBeGreaterThanOrEqual(a.user);
    expect(b.idle).toBeGreaterThanOrEqual(a.idle);
  });

  it('memoryStats on the qemu driver: total equals virsh nodememstats, free below total', async () => {
    const stats = await qemu.host.memoryStats();
    const expected = virsh(daemon.qemuUnixUri(), 'nodememstats');
    expect(stats.total).toBe(expected.total);
    expect(stats.free).toBeGreaterThan(0n);
    expect(stats.free).toBeLessThan(stats.total);
  });

  it('memoryStats on the test driver is refused as not supported', async () => {
    await expect(test.host.memoryStats()).rejects.toSatisfy(isNoSupport);
  });
});
