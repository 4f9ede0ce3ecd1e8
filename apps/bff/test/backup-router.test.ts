// The backup procedures through tRPC, against the real daemon: who may do what (viewers read,
// operators back up and restore, admins choose the target), a backup of a shut-off VM seen in the
// list as a set with its incremental, deleting the full refused with the dependants named, and a
// restore in place that asks for the VM's name and makes the next backup a full one.
import { Libvirt } from '@virtdeck/libvirt-client';
import { qemuUri } from '@virtdeck/test-kit/daemon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForBackup } from '../src/backups/index.js';
import { BackupFixture } from './backups-fixture.js';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

describe('backup procedures', () => {
  let bff: TestBff;
  let lv: Libvirt;
  let fx: BackupFixture;
  let admin: SessionCookie;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let pool = '';
  let target = '';
  let vm = { name: '', uuid: '', disk: '' };

  beforeAll(async () => {
    bff = await startTestBff();
    lv = await Libvirt.connect(qemuUri());
    fx = new BackupFixture(lv);
    pool = await fx.pool('bkrpool');
    target = await fx.pool('bkrtarget');
    vm = await fx.domain(pool, 32, 4);
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'bkop', password: 'operator-password', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'bkviewer', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('bkop', 'operator-password');
    viewer = await bff.signIn('bkviewer', 'viewer-password-1');
  }, 60_000);

  afterAll(async () => {
    await fx?.cleanup();
    await lv?.close();
    await bff?.close();
  });

  const hostId = () => bff.hostId;
  const api = (s: SessionCookie) => bff.client(s).backup;

  it('without a target, a backup is refused and says an admin chooses one; only admins set it, to a dir pool', async () => {
    const refused = await failureOf(api(operator).start.mutate({ hostId: hostId(), uuid: vm.uuid }));
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toMatch(/no backup target: an admin chooses/);
    expect((await failureOf(api(operator).setTarget.mutate({ hostId: hostId(), pool: target }))).code).toBe('FORBIDDEN');
    const missing = await failureOf(api(admin).setTarget.mutate({ hostId: hostId(), pool: 'vdtest-no-such-pool' }));
    expect(missing.fields.pool?.[0]).toMatch(/no pool/);
    await api(admin).setTarget.mutate({ hostId: hostId(), pool: target });
    const seen = await api(viewer).target.query({ hostId: hostId() });
    expect(seen.pool).toBe(target);
    expect(seen.candidates).toContain(target);
  });

  it('a viewer reads the list but cannot back up; an operator backs up a shut-off VM twice: one set, full then incremental', async () => {
    expect((await failureOf(api(viewer).start.mutate({ hostId: hostId(), uuid: vm.uuid }))).code).toBe('FORBIDDEN');
    const first = await api(operator).start.mutate({ hostId: hostId(), uuid: vm.uuid });
    expect((await waitForBackup(bff.server.services, first.backupId)).status).toBe('done');
    const second = await api(operator).start.mutate({ hostId: hostId(), uuid: vm.uuid });
    expect((await waitForBackup(bff.server.services, second.backupId)).status).toBe('done');

    const list = await api(viewer).list.query({ hostId: hostId(), uuid: vm.uuid });
    expect(list.running).toBeNull();
    expect(list.sets).toHaveLength(1);
    expect(list.sets[0]!.points.map((p) => [p.id, p.kind])).toEqual([
      [first.backupId, 'full'],
      [second.backupId, 'incremental'],
    ]);
    expect(list.sets[0]!.points[0]).toMatchObject({ status: 'done', actor: 'bkop', disks: [{ disk: 'vda' }] });
    expect(list.sets[0]!.points[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(list.sets[0]!.sizeBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect((await lv.domains.getState(vm.uuid)).state).toBe('shutoff');

    const audit = await bff.client(admin).audit.list.query({ objectType: 'backup', action: 'start' });
    expect(audit.items.filter((r) => r.username === 'bkop' && r.result === 'ok')).toHaveLength(2);
  }, 120_000);

  it('deleting the full is refused, naming the incremental (PRECONDITION_FAILED with its volumes)', async () => {
    const [set] = (await api(operator).list.query({ hostId: hostId(), uuid: vm.uuid })).sets;
    const [full, inc] = set!.points;
    const refused = await failureOf(api(operator).delete.mutate({ hostId: hostId(), uuid: vm.uuid, id: full!.id }));
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toMatch(/needed by later incrementals: incremental backup of/);
    expect(refused.data.dependants?.volumes.map((v) => v.name)).toEqual(inc!.disks.map((d) => d.volume));
  });

  it('restore in place asks for the VM name, then overwrites its disk; the next backup starts a new set', async () => {
    const [set] = (await api(operator).list.query({ hostId: hostId(), uuid: vm.uuid })).sets;
    const full = set!.points[0]!;
    const wrong = await failureOf(api(operator).restore.mutate({ hostId: hostId(), uuid: vm.uuid, id: full.id, target: { kind: 'in-place', confirmName: 'not-it' } }));
    expect(wrong.fields.confirmName?.[0]).toContain(vm.name);
    await api(operator).restore.mutate({ hostId: hostId(), uuid: vm.uuid, id: full.id, target: { kind: 'in-place', confirmName: vm.name } });
    expect(await lv.checkpoints.list(vm.uuid)).toEqual([]);
    const next = await api(operator).start.mutate({ hostId: hostId(), uuid: vm.uuid });
    expect(await waitForBackup(bff.server.services, next.backupId)).toMatchObject({ status: 'done', kind: 'full' });
    expect((await api(viewer).list.query({ hostId: hostId(), uuid: vm.uuid })).sets).toHaveLength(2);
  }, 120_000);
});
