// Backup schedules over the API: operators in the host's scope create, change and delete them and
// tag VMs; viewers read; each change is in the audit log (a VM's tags also in its timeline).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

describe('backup schedules API', () => {
  let bff: TestBff;
  let admin: SessionCookie;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let outsider: SessionCookie;
  const vm = randomUUID();

  beforeAll(async () => {
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    const users = bff.client(admin).user;
    await users.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    await users.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    const out = await users.create.mutate({ username: 'op2', password: 'operator-password', role: 'operator' });
    await users.setHosts.mutate({ userId: out.id, hostIds: ['another-host'] });
    operator = await bff.signIn('op1', 'operator-password');
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
    outsider = await bff.signIn('op2', 'operator-password');
  });

  afterAll(async () => {
    await bff?.close();
  });

  it('lets operators manage schedules and tags, viewers read, and audits every change', async () => {
    const hostId = bff.hostId;
    const op = bff.client(operator).schedule;
    const spec = { name: 'nightly', target: { kind: 'vms' as const, uuids: [vm] }, frequency: 'daily' as const, time: '02:00', keepFullSets: 3 };
    const created = await op.create.mutate({ hostId, spec });
    expect(created).toMatchObject({ name: 'nightly', time: '02:00', keepFullSets: 3, enabled: true, createdBy: 'op1', recentRuns: [] });
    expect(created.nextDueAt).toBeGreaterThan(Date.now());

    const taken = await failureOf(op.create.mutate({ hostId, spec }));
    expect(taken.fields.name?.[0]).toMatch(/already has a backup schedule named nightly/);

    await op.setTags.mutate({ hostId, uuid: vm, tags: ['web', 'prod'] });
    const weekly = await op.create.mutate({ hostId, spec: { name: 'web weekly', target: { kind: 'tag', tag: 'web' }, frequency: 'weekly', weekday: 0, time: '04:15', keepFullSets: 1 } });
    await op.update.mutate({ hostId, id: weekly.id, spec: { name: 'web weekly', target: { kind: 'tag', tag: 'web' }, frequency: 'weekly', weekday: 6, time: '04:15', keepFullSets: 2 } });

    const forVm = await bff.client(viewer).schedule.forVm.query({ hostId, uuid: vm });
    expect(forVm.tags).toEqual(['prod', 'web']);
    expect(forVm.schedules.map((s) => [s.name, s.weekday, s.keepFullSets])).toEqual([
      ['nightly', null, 3],
      ['web weekly', 6, 2],
    ]);

    // Viewers read only; operators elsewhere see nothing of this host.
    expect((await failureOf(bff.client(viewer).schedule.create.mutate({ hostId, spec: { ...spec, name: 'x' } }))).code).toBe('FORBIDDEN');
    expect((await failureOf(bff.client(viewer).schedule.setTags.mutate({ hostId, uuid: vm, tags: [] }))).code).toBe('FORBIDDEN');
    expect((await failureOf(bff.client(outsider).schedule.list.query({ hostId }))).code).toBe('FORBIDDEN');
    expect((await failureOf(bff.client(outsider).schedule.delete.mutate({ hostId, id: weekly.id }))).code).toBe('FORBIDDEN');

    await op.delete.mutate({ hostId, id: weekly.id });
    expect((await failureOf(op.delete.mutate({ hostId, id: weekly.id }))).code).toBe('NOT_FOUND');
    expect((await bff.client(viewer).schedule.list.query({ hostId })).map((s) => s.name)).toEqual(['nightly']);

    const audit = await bff.client(admin).audit.list.query({ hostId, limit: 50 });
    const rows = audit.items.filter((e) => e.objectType === 'backup-schedule' || e.action === 'set-tags').map((e) => `${e.username} ${e.objectType} ${e.action} ${e.objectName} ${e.result}`);
    // Refusals are audited too; one refused before the schedule was read is named by its id.
    expect(rows).toEqual([
      `op1 backup-schedule delete ${weekly.id} error`,
      'op1 backup-schedule delete web weekly ok',
      `op2 backup-schedule delete ${weekly.id} error`,
      `viewer1 domain set-tags ${vm} error`,
      'viewer1 backup-schedule create  error',
      'op1 backup-schedule update web weekly ok',
      'op1 backup-schedule create web weekly ok',
      `op1 domain set-tags ${vm} ok`,
      'op1 backup-schedule create nightly error',
      'op1 backup-schedule create nightly ok',
    ]);
    const timeline = await bff.client(viewer).timeline.list.query({ hostId, uuid: vm });
    expect(timeline.items.map((e) => (e.kind === 'audit' ? `${e.username} ${e.action}` : e.kind))).toEqual(['viewer1 set-tags', 'op1 set-tags']);
  });

  it('refuses a weekly schedule without its day and a bad time, naming the field', async () => {
    const bad = await failureOf(
      bff.client(operator).schedule.create.mutate({ hostId: bff.hostId, spec: { name: 'w', target: { kind: 'tag', tag: 'web' }, frequency: 'weekly', time: '25:00', keepFullSets: 1 } }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(bad.fields)).toMatch(/02:30/);
  });
});
