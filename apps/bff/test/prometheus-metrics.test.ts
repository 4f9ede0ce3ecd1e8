// GET /metrics on a real BFF and the real daemon, scraped with an API token: a running guest with a
// disk and a NIC, the 1,000-domain test-driver host, and a host that is down. Debian's
// `promtool check metrics` must pass on the real output (format and naming lint).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNodeUri, uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { waitFor } from './guest-waits.js';
import { ADMIN_PASSWORD, startTestBff, type TestBff } from './harness.js';

const promtool = spawnSync('promtool', ['--version']).status === 0;

/** The value of the one sample of `metric` whose labels include all of `labels`. */
function valueOf(text: string, metric: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics', () => {
  const name = uniqueName('prom');
  let dir = '';
  let bff: TestBff;
  let secret = '';
  let hosts: Record<string, string> = {};
  let uuid = '';

  const scrape = async (auth = `Bearer ${secret}`) => {
    const res = await fetch(`${bff.url}/metrics`, { headers: { authorization: auth } });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text(), www: res.headers.get('www-authenticate') };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-prom-'));
    const disk = path.join(dir, 'disk.raw');
    writeFileSync(disk, '');
    truncateSync(disk, 1024 * 1024);
    const xml = path.join(dir, 'guest.xml');
    writeFileSync(xml, readFileSync(new URL('./fixtures/metrics-guest.xml', import.meta.url), 'utf8').replace('__NAME__', name).replace('__DISK__', disk).replace('__NET__', name));
    const netXml = path.join(dir, 'net.xml');
    writeFileSync(netXml, `<network><name>${name}</name></network>`);
    virsh('net-create', netXml);
    mkdirSync(path.join(dir, 'pool'));
    virsh('pool-create-as', name, 'dir', '--target', path.join(dir, 'pool'));
    virsh('define', xml);
    virsh('start', name);
    uuid = virsh('domuuid', name).trim();

    bff = await startTestBff({ VIRTDECK_METRICS_INTERVAL_SECONDS: '0' });
    const admin = bff.client(await bff.signIn('admin', ADMIN_PASSWORD));
    await admin.host.add.mutate({ name: uniqueName('prom-node'), uri: testNodeUri() });
    // Nothing listens on port 1: a host that is down.
    await admin.host.add.mutate({ name: uniqueName('prom-down'), uri: 'qemu+tcp://127.0.0.1:1/system' });
    hosts = Object.fromEntries((await admin.host.list.query()).map((h) => [h.name, h.uri ?? '']));
    ({ secret } = await admin.apiToken.create.mutate({ name: 'prometheus', role: 'viewer' }));
  });

  afterAll(async () => {
    await bff?.close();
    virshQuietly('destroy', name);
    virshQuietly('undefine', name);
    virshQuietly('net-destroy', name);
    virshQuietly('pool-destroy', name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a scrape without a token, asking for one', async () => {
    const res = await scrape('');
    expect(res.status).toBe(401);
    expect(res.www).toMatch(/^Bearer/);
  });

  it('exposes the guest’s state, CPU, memory, disk and NIC, the hosts and their pools', async () => {
    // The guest's NIC appears in its stats once QEMU has the tap up.
    const { text, type } = await waitFor('the guest’s NIC in /metrics', async () => {
      const r = await scrape();
      return /virtdeck_domain_interface_receive_bytes_total\{[^}]*interface="vnet/.test(r.text) ? r : undefined;
    });
    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const hostName = Object.keys(hosts).find((n) => !n.startsWith('vdtest-prom-'))!;
    const d = { host: hostName, domain: name, uuid };
    expect(valueOf(text, 'virtdeck_domain_state', { ...d, state: 'running' })).toBe(1);
    expect(valueOf(text, 'virtdeck_domain_cpu_seconds_total', d)).toBeGreaterThan(0);
    expect(valueOf(text, 'virtdeck_domain_memory_max_bytes', d)).toBe(64 * 1024 * 1024);
    expect(valueOf(text, 'virtdeck_domain_block_capacity_bytes', { ...d, target: 'vda' })).toBe(1024 * 1024);
    expect(valueOf(text, 'virtdeck_domain_block_read_bytes_total', { ...d, target: 'vda' })).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(new RegExp(`virtdeck_domain_interface_transmit_bytes_total\\{[^}]*domain="${name}"[^}]*interface="vnet\\d+"\\} \\d+`));
    expect(valueOf(text, 'virtdeck_host_up', { host: hostName })).toBe(1);
    expect(valueOf(text, 'virtdeck_host_memory_bytes', { host: hostName })).toBeGreaterThan(0);
    expect(valueOf(text, 'virtdeck_host_cpu_seconds_total', { host: hostName, mode: 'idle' })).toBeGreaterThan(0);
    expect(valueOf(text, 'virtdeck_pool_active', { host: hostName, pool: name })).toBe(1);
    expect(valueOf(text, 'virtdeck_pool_capacity_bytes', { host: hostName, pool: name })).toBeGreaterThan(0);
    // Every counter is a _total, every sample has HELP and TYPE above it.
    for (const m of text.matchAll(/^# TYPE (\S+) counter$/gm)) expect(m[1]).toMatch(/_total$/);
  });

  it('shows a host that is down as up 0 and still answers 200', async () => {
    const r = await scrape();
    expect(r.status).toBe(200);
    const down = Object.keys(hosts).find((n) => n.startsWith('vdtest-prom-down'))!;
    expect(valueOf(r.text, 'virtdeck_host_up', { host: down })).toBe(0);
    expect(r.text).not.toMatch(new RegExp(`virtdeck_domain_state\\{host="${down}"`));
  });

  it('covers the 1,000-domain test-driver host when it answers', async () => {
    const r = await scrape();
    const node = Object.keys(hosts).find((n) => n.startsWith('vdtest-prom-node'))!;
    expect(valueOf(r.text, 'virtdeck_host_up', { host: node })).toBe(1);
    const states = r.text.split('\n').filter((l) => l.startsWith(`virtdeck_domain_state{host="${node}"`));
    expect(states.length).toBeGreaterThanOrEqual(1000);
  });

  it.skipIf(!promtool)('passes `promtool check metrics` (install Debian’s prometheus: scripts/bootstrap.sh --tests)', async () => {
    const { text } = await scrape();
    const file = path.join(dir, 'metrics.txt');
    writeFileSync(file, text);
    // promtool reads the exposition on stdin; any format error or naming lint fails it.
    const out = spawnSync('promtool', ['check', 'metrics'], { input: readFileSync(file), encoding: 'utf8' });
    expect({ status: out.status, output: `${out.stdout}${out.stderr}` }).toEqual({ status: 0, output: '' });
  });
});
