// Lifecycle through the API with every change seen live over the websocket subscription
// (libvirt events, not polling), including changes made behind the BFF's back with virsh,
// and events flowing again after libvirtd restarts under the running BFF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent as DomainEvent } from '../src/live/live-events.js';
import type { Resync } from '../src/live/event-log.js';
import { libvirtSocket, uniqueName, virsh } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { collector } from './live.js';

type LiveEvent = DomainEvent | Resync;
const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('domain lifecycle, live', () => {
  const name = uniqueName('live');
  let uuid = '';
  let bff: TestBff;
  let operator: SessionCookie;
  let ws: ReturnType<typeof wsClientFor>;
  const seen = collector<LiveEvent>();
  let unsubscribe = () => {};

  const lifecycle = (event: string) => (e: LiveEvent) =>
    e.kind === 'lifecycle' && e.domain.name === name && e.event === event;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-'));
    writeFileSync(
      path.join(dir, 'd.xml'),
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
       <os><type arch='x86_64' machine='pc'>hvm</type></os>
       <devices><graphics type='vnc' autoport='yes' listen='127.0.0.1'/></devices></domain>`,
    );
    virsh('define', path.join(dir, 'd.xml'));
    rmSync(dir, { recursive: true });
    uuid = virsh('domuuid', name).trim();

    bff = await startTestBff();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    operator = await bff.signIn('op1', 'operator-password');
    ws = wsClientFor(bff, operator);
    const sub = ws.client.live.events.subscribe(
      { hostId: bff.hostId },
      { onData: (d) => seen.push(d.data), onError: (e) => console.error(e) },
    );
    unsubscribe = () => sub.unsubscribe();
    // The subscription is live once it delivers; a harmless change proves it.
    virsh('desc', name, '--title', 'subscribed');
  });

  afterAll(async () => {
    unsubscribe();
    ws?.close();
    try {
      virsh('destroy', name);
    } catch {
      // already off
    }
    virsh('undefine', name);
    await bff?.close();
  });

  it('starts, pauses, resumes and forces off through the API, each seen live', async () => {
    const api = bff.client(operator).domain;
    const started = await api.start.mutate({ hostId: bff.hostId, uuid });
    expect(started.state).toBe('running');
    await seen.waitFor(lifecycle('started'));

    await api.pause.mutate({ hostId: bff.hostId, uuid });
    await seen.waitFor(lifecycle('suspended'));
    await api.resume.mutate({ hostId: bff.hostId, uuid });
    await seen.waitFor(lifecycle('resumed'));
    const off = await api.forceOff.mutate({ hostId: bff.hostId, uuid });
    expect(off.state).toBe('shutoff');
    await seen.waitFor(lifecycle('stopped'));
  });

  it('sees a change made behind its back with virsh', async () => {
    virsh('start', name);
    await seen.waitFor((e) => lifecycle('started')(e) && seen.events.filter(lifecycle('started')).length >= 2);
    virsh('suspend', name);
    await seen.waitFor(lifecycle('suspended'));
  });

  it('audits each lifecycle action with its result', async () => {
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    const page = await bff.client(admin).audit.list.query({ objectType: 'domain', limit: 50 });
    const actions = page.items.filter((e) => e.objectName === uuid).map((e) => `${e.username}:${e.action}:${e.result}`);
    expect(actions.sort()).toEqual(['op1:force-off:ok', 'op1:pause:ok', 'op1:resume:ok', 'op1:start:ok']);
  });

  it('refuses what libvirt refuses with its code, and keeps the connection', async () => {
    const err = await bff
      .client(operator)
      .domain.start.mutate({ hostId: bff.hostId, uuid })
      .catch((e: { data?: { code: string; libvirt: { code: number } | null } }) => e);
    // Already running (paused): libvirt's VIR_ERR_OPERATION_INVALID (55) becomes CONFLICT.
    expect(err).toMatchObject({ data: { code: 'CONFLICT', libvirt: { code: 55 } } });
    const list = await bff.client(operator).domain.list.query({ hostId: bff.hostId });
    expect(list.find((d) => d.uuid === uuid)?.state).toBe('paused');
  });

  it('reconnects after libvirtd restarts under it, and events flow again', async () => {
    // Only the sandbox's own daemon may be restarted; a user's libvirtd is never touched.
    const ownSocket = path.join(process.env.VIRTDECK_STATE ?? path.join(repoRoot, '.state'), 'libvirt/run/libvirt-sock');
    expect(libvirtSocket()).toBe(ownSocket);
    const sandbox = path.join(repoRoot, 'scripts/libvirt-sandbox.sh');
    const states = collector<{ hostId: string; status: string }>();
    const stateSub = ws.client.host.states.subscribe(undefined, { onData: (d) => states.push(d.data) });
    try {
      execFileSync('bash', [sandbox, 'stop'], { stdio: 'ignore' });
      await states.waitFor((s) => s.status === 'reconnecting' || s.status === 'failed');
      execFileSync('bash', [sandbox, 'start'], { stdio: 'ignore' });
      await states.waitFor((s) => s.status === 'connected' && states.events.some((x) => x.status !== 'connected'), 60_000);
    } finally {
      stateSub.unsubscribe();
    }
    await seen.waitFor((e) => e.kind === 'resync' && e.reason === 'reconnected');
    virsh('resume', name);
    await seen.waitFor(lifecycle('resumed'));
    expect(seen.events.filter(lifecycle('resumed')).length).toBeGreaterThanOrEqual(2);
  });
});
