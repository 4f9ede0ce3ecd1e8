// A VM's timeline on the real daemon: the guest's lifecycle changes (from libvirt's events), jobs
// (a snapshot that worked, a block job libvirt refused) with outcome and duration, and the audit
// rows of what an operator did, newest first, paged, and live over the websocket.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TimelineEntry } from '@virtdeck/contract/timeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { waitFor } from './guest-waits.js';
import { ADMIN_PASSWORD, failureOf, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { collector } from './live.js';

const describeEntry = (e: TimelineEntry) =>
  e.kind === 'lifecycle' ? `lifecycle ${e.event}` : e.kind === 'job' ? `job ${e.job} ${e.outcome ?? 'running'}` : `audit ${e.action} ${e.result}`;

describe('VM timeline', () => {
  const pool = uniqueName('tlpool');
  const name = uniqueName('tl');
  let dir = '';
  let uuid = '';
  let bff: TestBff;
  let operator: SessionCookie;
  let viewer: SessionCookie;

  const all = async (who: SessionCookie = operator, limit = 200) => {
    const items: TimelineEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: TimelineEntry[]; nextCursor: string | null } = await bff.client(who).timeline.list.query({ hostId: bff.hostId, uuid, limit, cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  const lifecycleEvents = async () => (await all()).filter((e) => e.kind === 'lifecycle').map((e) => (e.kind === 'lifecycle' ? e.event : null));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-tl-'));
    virsh('pool-create-as', pool, 'dir', '--target', dir);
    virsh('vol-create-as', pool, 'd.qcow2', '64M', '--format', 'qcow2');
    const xml = path.join(dir, 'd.xml');
    writeFileSync(
      xml,
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
       <os><type arch='x86_64' machine='pc'>hvm</type></os><devices>
       <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path.join(dir, 'd.qcow2')}'/><target dev='vda' bus='virtio'/></disk>
       </devices></domain>`,
    );
    virsh('define', xml);
    rmSync(xml);
    uuid = virsh('domuuid', name).trim();
    bff = await startTestBff();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('op1', 'operator-password');
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
  });

  afterAll(async () => {
    virshQuietly('destroy', name);
    virshQuietly('undefine', name, '--snapshots-metadata');
    virshQuietly('pool-destroy', pool);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('records the lifecycle changes of a real guest in order, newest first, with the audit rows of who did them', async () => {
    const api = bff.client(operator).domain;
    await api.start.mutate({ hostId: bff.hostId, uuid });
    await api.pause.mutate({ hostId: bff.hostId, uuid });
    await api.resume.mutate({ hostId: bff.hostId, uuid });
    await api.forceOff.mutate({ hostId: bff.hostId, uuid });
    // libvirt also reports a resume as qemu starts, and a shutdown before the stop: the four
    // changes asked for appear, newest first, among them.
    const events = await waitFor('the stop recorded', async () => {
      const ev = await lifecycleEvents();
      return ev.includes('stopped') ? ev : undefined;
    }, 30_000);
    const asked = ['stopped', 'resumed', 'suspended', 'started'];
    const positions = [events.indexOf('stopped'), events.indexOf('resumed'), events.indexOf('suspended'), events.lastIndexOf('started')];
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(events.filter((e) => asked.includes(e ?? '')).length).toBeGreaterThanOrEqual(4);

    const entries = await all();
    const audit = entries.filter((e) => e.kind === 'audit');
    expect(audit.map((e) => (e.kind === 'audit' ? `${e.username} ${e.action} ${e.result}` : ''))).toEqual([
      'op1 force-off ok',
      'op1 resume ok',
      'op1 pause ok',
      'op1 start ok',
    ]);
    const ats = entries.map((e) => e.at);
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    // Viewers of the host read it too.
    expect((await all(viewer)).map(describeEntry)).toEqual(entries.map(describeEntry));
  });

  it('records a job with its outcome, duration and who ran it, including one libvirt refused', async () => {
    await bff.client(operator).snapshot.create.mutate({ hostId: bff.hostId, uuid, name: 'tl1', kind: 'internal' });
    // A block pull needs a running guest: libvirt refuses it, and the job ends as failed.
    const refused = await failureOf(bff.client(operator).blockJob.pull.mutate({ hostId: bff.hostId, uuid, disk: 'vda', base: null }));
    expect(refused.code).toBe('CONFLICT');

    const jobs = (await all()).filter((e) => e.kind === 'job');
    expect(jobs).toEqual([
      expect.objectContaining({ job: 'blockjob', outcome: 'failed', actor: 'op1', detail: 'vda: pull', error: expect.stringMatching(/not running|inactive/) }),
      expect.objectContaining({ job: 'snapshot', outcome: 'ok', actor: 'op1', detail: 'create internal snapshot tl1', error: null }),
    ]);
    for (const j of jobs) {
      if (j.kind !== 'job') continue;
      expect(j.endedAt).not.toBeNull();
      expect(j.durationMs).toBe((j.endedAt ?? 0) - j.at);
      expect(j.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('pages newest first without gaps or doubles', async () => {
    const whole = await all();
    expect(whole.length).toBeGreaterThanOrEqual(10);
    const paged = await all(operator, 3);
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
  });

  it('tells a watcher at once when the timeline changes, and the new entries are there', async () => {
    const ws = wsClientFor(bff, operator);
    const ticks = collector<{ changedAt: number }>();
    const sub = ws.client.timeline.follow.subscribe({ hostId: bff.hostId, uuid }, { onData: (d) => ticks.push(d), onError: (e) => console.error(e) });
    try {
      // The first message says it watches; the start after it is reported by a second.
      await ticks.waitFor(() => true);
      const before = new Set((await all()).map((e) => e.id));
      await bff.client(operator).domain.start.mutate({ hostId: bff.hostId, uuid });
      await waitFor('a change reported', () => (ticks.events.length >= 2 ? true : undefined), 20_000);
      const fresh = (await all()).filter((e) => !before.has(e.id)).map(describeEntry);
      expect(fresh).toContain('audit start ok');
      await waitFor('the start in the timeline', async () => ((await all()).some((e) => !before.has(e.id) && e.kind === 'lifecycle' && e.event === 'started') ? true : undefined), 20_000);
    } finally {
      sub.unsubscribe();
      ws.close();
      virshQuietly('destroy', name);
    }
  });

  it("ends a block job's entry when libvirt says the job completed", async () => {
    const chained = uniqueName('tlchain');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(dir, 'base.qcow2'), '16M']);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', path.join(dir, 'base.qcow2'), path.join(dir, 'top.qcow2')]);
    const xml = path.join(dir, 'chain.xml');
    writeFileSync(
      xml,
      `<domain type='qemu'><name>${chained}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
       <os><type arch='x86_64' machine='pc'>hvm</type></os><devices>
       <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path.join(dir, 'top.qcow2')}'/><target dev='vda' bus='virtio'/></disk>
       </devices></domain>`,
    );
    virsh('create', xml);
    try {
      const chainUuid = virsh('domuuid', chained).trim();
      await bff.client(operator).blockJob.pull.mutate({ hostId: bff.hostId, uuid: chainUuid, disk: 'vda', base: null });
      const job = await waitFor('the pull to end', async () => {
        const [first] = (await bff.client(operator).timeline.list.query({ hostId: bff.hostId, uuid: chainUuid })).items.filter((e) => e.kind === 'job');
        return first?.kind === 'job' && first.outcome !== null ? first : undefined;
      }, 60_000);
      expect(job).toMatchObject({ job: 'blockjob', detail: 'vda: pull', outcome: 'ok', actor: 'op1', error: null });
    } finally {
      virshQuietly('destroy', chained);
    }
  });

  it('refuses users outside the host and a forged cursor', async () => {
    const forged = await failureOf(bff.client(operator).timeline.list.query({ hostId: bff.hostId, uuid, cursor: 'bm9wZQ' }));
    expect(forged.code).toBe('BAD_REQUEST');
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'elsewhere', password: 'elsewhere-password', role: 'viewer' });
    const u = (await bff.client(admin).user.list.query()).find((x: { username: string }) => x.username === 'elsewhere') as { id: string };
    await bff.client(admin).user.setHosts.mutate({ userId: u.id, hostIds: ['some-other-host'] });
    const outsider = await bff.signIn('elsewhere', 'elsewhere-password');
    const refused = await failureOf(bff.client(outsider).timeline.list.query({ hostId: bff.hostId, uuid }));
    expect(refused.code).toBe('FORBIDDEN');
  });
});
