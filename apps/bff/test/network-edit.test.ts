// Defining, editing and deleting networks, and their static DHCP hosts and leases, over HTTP on the
// real daemon: NAT, isolated, routed and open networks with DHCP start for real (dnsmasq), a
// bridged one joins a host bridge the test makes. Each refusal leaves the network as it was.
// Guests on these networks send nothing beyond the bridge: the one guest here has no disk, no
// boot ROM on its NIC and boots from the (absent) hard disk only.
import type { TRPCClientError } from '@trpc/client';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';

type ErrData = { code: string; zodError: { fieldErrors: Record<string, string[]> } | null; dependants: { guests?: { domain: string }[] } | null };
const dataOf = async (p: Promise<unknown>) => ((await p.then(() => null, (e: unknown) => e)) as TRPCClientError<never> | null)?.data as ErrData | undefined;

// A /24 of 192.168.20-99 (test-kit's testNetwork takes 100-249): from the pid, an offset per network.
const subnet = (k: number) => `192.168.${20 + ((process.pid + k * 37) % 80)}`;
const tag = `${(process.pid % 10_000).toString(36)}${Date.now().toString(36).slice(-4)}`;

describe('network define, edit, DHCP hosts and delete', () => {
  const nat = uniqueName('nat');
  const others = { isolated: uniqueName('iso'), route: uniqueName('route'), open: uniqueName('open'), bridge: uniqueName('brnet') };
  const hostBridge = `vdtbr${tag}`.slice(0, 15);
  const guest = uniqueName('netguest');
  const s = subnet(0);
  let bff: TestBff;
  let admin: SessionCookie;
  let operator: SessionCookie;
  let hostId = '';
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-netedit-'));
    execFileSync('ip', ['link', 'add', hostBridge, 'type', 'bridge']);
    bff = await startTestBff();
    hostId = bff.hostId;
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'netop', password: 'operator-password', role: 'operator' });
    operator = await bff.signIn('netop', 'operator-password');
  });

  afterAll(async () => {
    virshQuietly('destroy', guest);
    virshQuietly('undefine', guest);
    for (const n of [nat, ...Object.values(others)]) {
      virshQuietly('net-destroy', n);
      virshQuietly('net-undefine', n);
    }
    try {
      execFileSync('ip', ['link', 'del', hostBridge]);
    } catch {
      // already gone
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('an admin defines a NAT network with IPv4 and IPv6, a DHCP range and a static host; it starts for real', async () => {
    const net = await bff.client(admin).network.define.mutate({
      hostId,
      name: nat,
      forward: 'nat',
      ips: [
        { family: 'ipv4', address: `${s}.1`, prefix: 24, dhcpRange: { start: `${s}.100`, end: `${s}.150` }, hosts: [{ mac: '52:54:00:e2:00:01', name: 'web', ip: `${s}.10` }] },
        { family: 'ipv6', address: 'fd00:e2::1', prefix: 64 },
      ],
      start: true,
      autostart: true,
    });
    expect(net).toMatchObject({ name: nat, active: true, autostart: true, forwardMode: 'nat' });
    const xml = virsh('net-dumpxml', nat);
    expect(xml).toContain(`<range start='${s}.100' end='${s}.150'`);
    expect(xml).toContain(`<host mac='52:54:00:e2:00:01' name='web' ip='${s}.10'/>`);
    expect(xml).toContain("address='fd00:e2::1' prefix='64'");
    expect(await bff.client(operator).network.leases.query({ hostId, name: nat })).toEqual([]);
  });

  it('refuses a taken name, a range outside the subnet and an operator, defining nothing', async () => {
    const ip = { family: 'ipv4' as const, address: `${subnet(5)}.1`, prefix: 24 };
    const taken = await dataOf(bff.client(admin).network.define.mutate({ hostId, name: nat, forward: 'isolated', ips: [ip] }));
    expect(taken?.zodError?.fieldErrors.name?.[0]).toContain('already exists');
    const fresh = uniqueName('bad');
    const outside = await dataOf(
      bff.client(admin).network.define.mutate({ hostId, name: fresh, forward: 'isolated', ips: [{ ...ip, dhcpRange: { start: `${subnet(6)}.2`, end: `${subnet(5)}.9` } }] }),
    );
    expect(outside?.zodError?.fieldErrors.ips?.[0]).toMatch(/dhcpRange.start: must be inside/);
    expect(await dataOf(bff.client(operator).network.define.mutate({ hostId, name: fresh, forward: 'isolated', ips: [ip] }))).toMatchObject({ code: 'FORBIDDEN' });
    // libvirt defines it but cannot start it (its bridge exists already): the definition goes again.
    const clash = await dataOf(bff.client(admin).network.define.mutate({ hostId, name: fresh, forward: 'isolated', bridge: hostBridge, ips: [ip], start: true }));
    expect(clash?.code).toBeDefined();
    expect(virsh('net-list', '--all', '--name')).not.toContain(fresh);
  });

  it('an operator adds, changes and removes a static DHCP host live and in the definition', async () => {
    const api = bff.client(operator).network;
    await api.dhcpHost.mutate({ hostId, name: nat, command: 'add', host: { mac: '52:54:00:e2:00:02', name: 'db', ip: `${s}.11` } });
    expect(virsh('net-dumpxml', nat)).toContain(`ip='${s}.11'`);
    expect(virsh('net-dumpxml', '--inactive', nat)).toContain(`ip='${s}.11'`);
    await api.dhcpHost.mutate({ hostId, name: nat, command: 'modify', host: { mac: '52:54:00:e2:00:02', name: 'db', ip: `${s}.12` } });
    expect(virsh('net-dumpxml', nat)).toContain(`ip='${s}.12'`);
    await api.dhcpHost.mutate({ hostId, name: nat, command: 'delete', host: { mac: '52:54:00:e2:00:02', ip: `${s}.12` } });
    expect(virsh('net-dumpxml', '--inactive', nat)).not.toContain('52:54:00:e2:00:02');
  });

  it('refuses a DHCP host that is taken, missing or outside the subnet, changing nothing', async () => {
    const api = bff.client(operator).network;
    const before = virsh('net-dumpxml', '--inactive', nat);
    const dup = await dataOf(api.dhcpHost.mutate({ hostId, name: nat, command: 'add', host: { mac: '52:54:00:e2:00:01', ip: `${s}.20` } }));
    expect(dup?.zodError?.fieldErrors.host?.[0]).toContain('already there');
    const missing = await dataOf(api.dhcpHost.mutate({ hostId, name: nat, command: 'modify', host: { mac: '52:54:00:e2:00:99', ip: `${s}.20` } }));
    expect(missing?.zodError?.fieldErrors.host?.[0]).toContain('has no static host');
    const outside = await dataOf(api.dhcpHost.mutate({ hostId, name: nat, command: 'add', host: { mac: '52:54:00:e2:00:03', ip: `${subnet(7)}.20` } }));
    expect(outside?.zodError?.fieldErrors.host?.[0]).toContain('must be inside');
    const badMac = await dataOf(api.dhcpHost.mutate({ hostId, name: nat, command: 'add', host: { mac: 'nope', ip: `${s}.20` } }));
    expect(badMac?.zodError?.fieldErrors.host).toBeDefined();
    expect(virsh('net-dumpxml', '--inactive', nat)).toBe(before);
  });

  it('an admin edits the definition (same UUID); a running network takes it at its next start', async () => {
    const uuid = virsh('net-uuid', nat).trim();
    const mac = /<mac address='([^']+)'/.exec(virsh('net-dumpxml', '--inactive', nat))?.[1];
    expect(mac).toBeDefined();
    const edited = await bff.client(admin).network.edit.mutate({
      hostId,
      name: nat,
      forward: 'nat',
      ips: [{ family: 'ipv4', address: `${s}.1`, prefix: 24, dhcpRange: { start: `${s}.160`, end: `${s}.170` }, hosts: [{ mac: '52:54:00:e2:00:01', ip: `${s}.10` }] }],
    });
    expect(edited).toMatchObject({ uuid, restartNeeded: true });
    expect(virsh('net-dumpxml', '--inactive', nat)).toContain(`<range start='${s}.160'`);
    expect(virsh('net-dumpxml', '--inactive', nat)).toContain(`<mac address='${mac}'/>`);
    expect(virsh('net-dumpxml', nat)).toContain(`<range start='${s}.100'`);
    expect(await dataOf(bff.client(operator).network.edit.mutate({ hostId, name: nat, forward: 'isolated', ips: [] }))).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await dataOf(bff.client(admin).network.edit.mutate({ hostId, name: nat, forward: 'isolated', ips: [] }));
    expect(bad?.zodError?.fieldErrors.ips?.[0]).toContain('IPv4 or an IPv6');
    expect(virsh('net-dumpxml', '--inactive', nat)).toContain(`<range start='${s}.160'`);
  });

  it('defines and starts isolated, routed, open and bridged networks', async () => {
    const api = bff.client(admin).network;
    const ip = (k: number) => [{ family: 'ipv4' as const, address: `${subnet(k)}.1`, prefix: 24, dhcpRange: { start: `${subnet(k)}.10`, end: `${subnet(k)}.20` } }];
    expect(await api.define.mutate({ hostId, name: others.isolated, forward: 'isolated', ips: ip(1) })).toMatchObject({ active: true, forwardMode: 'isolated' });
    expect(await api.define.mutate({ hostId, name: others.route, forward: 'route', ips: ip(2) })).toMatchObject({ active: true, forwardMode: 'route' });
    expect(await api.define.mutate({ hostId, name: others.open, forward: 'open', ips: [{ family: 'ipv6', address: 'fd00:e3::1', prefix: 64 }] })).toMatchObject({
      active: true,
      forwardMode: 'open',
    });
    expect(await api.define.mutate({ hostId, name: others.bridge, forward: 'bridge', bridge: hostBridge })).toMatchObject({ active: true, forwardMode: 'bridge', bridge: hostBridge });
    for (const n of Object.values(others)) expect((await api.delete.mutate({ hostId, name: n })).deleted).toBe(true);
    const left = virsh('net-list', '--all', '--name');
    for (const n of Object.values(others)) expect(left).not.toContain(n);
  });

  it('refuses to delete a network a running guest uses, naming the guest; deletes it once the guest stops', async () => {
    writeFileSync(
      path.join(dir, 'g.xml'),
      `<domain type='qemu'><name>${guest}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
       <devices><interface type='network'><source network='${nat}'/><mac address='52:54:00:e2:00:05'/><model type='e1000'/><rom enabled='no'/></interface></devices></domain>`,
    );
    virsh('define', path.join(dir, 'g.xml'));
    virsh('start', guest);
    const refused = await dataOf(bff.client(admin).network.delete.mutate({ hostId, name: nat }));
    expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED', dependants: { guests: [{ domain: guest, mac: '52:54:00:e2:00:05' }] } });
    expect(virsh('net-info', nat)).toMatch(/Active:\s+yes/);
    expect(await bff.client(operator).network.guests.query({ hostId, name: nat })).toEqual([{ domain: guest, mac: '52:54:00:e2:00:05' }]);
    virsh('destroy', guest);
    expect(await dataOf(bff.client(operator).network.delete.mutate({ hostId, name: nat }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await bff.client(admin).network.delete.mutate({ hostId, name: nat })).deleted).toBe(true);
    expect(virsh('net-list', '--all', '--name')).not.toContain(nat);
  });

  it('audits each change', async () => {
    const page = await bff.client(admin).audit.list.query({ objectType: 'network', limit: 100 });
    const rows = page.items.filter((e) => e.objectName === nat).map((e) => `${e.username}:${e.action}:${e.result}`);
    expect(rows).toEqual(
      expect.arrayContaining(['admin:define:ok', 'admin:define:error', 'netop:dhcp-host:ok', 'netop:dhcp-host:error', 'admin:edit:ok', 'netop:edit:error', 'admin:delete:error', 'netop:delete:error', 'admin:delete:ok']),
    );
  });
});
