// Networks over HTTP: an operator lists, starts, stops and autostarts a uniquely named network
// (defined with virsh, removed afterwards); a viewer reads but cannot change it. The network is
// `open` with DNS off: an isolated or NAT network needs iptables and dnsmasq on the host, and the
// sandbox daemon has neither; an open one starts with neither (no firewall rules, no dnsmasq).
import type { TRPCClientError } from '@trpc/client';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';

describe('networks', () => {
  const name = uniqueName('net');
  // Bridge names are at most 15 characters.
  const bridge = `vdt${(process.pid % 10_000).toString(36)}${Date.now().toString(36).slice(-6)}`.slice(0, 15);
  let bff: TestBff;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let hostId = '';

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-net-'));
    const octet = 100 + (process.pid % 150);
    writeFileSync(
      path.join(dir, 'n.xml'),
      `<network><name>${name}</name><forward mode='open'/><bridge name='${bridge}' stp='on' delay='0'/>
       <dns enable='no'/><ip address='10.${octet}.77.1' netmask='255.255.255.0'/></network>`,
    );
    virsh('net-define', path.join(dir, 'n.xml'));
    rmSync(dir, { recursive: true });

    bff = await startTestBff();
    hostId = bff.hostId;
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('op1', 'operator-password');
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
  });

  afterAll(async () => {
    virshQuietly('net-destroy', name);
    virshQuietly('net-undefine', name);
    await bff?.close();
  });

  it('lists the network with its flags, bridge and forward mode', async () => {
    const list = await bff.client(viewer).network.list.query({ hostId });
    expect(list.find((n) => n.name === name)).toMatchObject({ active: false, persistent: true, autostart: false, bridge, forwardMode: 'open' });
  });

  it('shows its details from the XML', async () => {
    const net = await bff.client(viewer).network.get.query({ hostId, name });
    expect(net.details).toMatchObject({ name, bridge, forwardMode: 'open' });
    expect(net.details.ips).toEqual([expect.objectContaining({ family: 'ipv4', prefix: 24, dhcpRanges: [] })]);
  });

  it('starts, autostarts and stops it as an operator', async () => {
    const api = bff.client(operator).network;
    expect((await api.start.mutate({ hostId, name })).active).toBe(true);
    expect(virsh('net-info', name)).toMatch(/Active:\s+yes/);
    expect((await api.setAutostart.mutate({ hostId, name, autostart: true })).autostart).toBe(true);
    expect((await api.setAutostart.mutate({ hostId, name, autostart: false })).autostart).toBe(false);
    expect((await api.stop.mutate({ hostId, name })).active).toBe(false);
    // Stopping a stopped network is libvirt's OPERATION_INVALID: a conflict.
    const err = await api.stop.mutate({ hostId, name }).catch((e: unknown) => e);
    expect((err as TRPCClientError<never>).data).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a viewer, and answers an unknown network with NOT_FOUND', async () => {
    const err = await bff.client(viewer).network.start.mutate({ hostId, name }).catch((e: unknown) => e);
    expect((err as TRPCClientError<never>).data).toMatchObject({ code: 'FORBIDDEN' });
    const missing = await bff.client(viewer).network.get.query({ hostId, name: uniqueName('nonet') }).catch((e: unknown) => e);
    expect((missing as TRPCClientError<never>).data).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('audits each change', async () => {
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    const page = await bff.client(admin).audit.list.query({ objectType: 'network', limit: 50 });
    const rows = page.items.filter((e) => e.objectName === name).map((e) => `${e.username}:${e.action}:${e.result}`);
    expect(rows.sort()).toEqual(['op1:set-autostart:ok', 'op1:set-autostart:ok', 'op1:start:ok', 'op1:stop:error', 'op1:stop:ok', 'viewer1:start:error'].sort());
  });
});
