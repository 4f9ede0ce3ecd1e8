// The backup store on both engines: a point is written running and ended once (sizes and times as
// numbers on PostgreSQL too); a VM's sets group its done points by their full; dependants of a
// point are the incrementals reading through it; the host's target is replaced, not added to.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dependantsOfPoint, groupSets } from '../src/backups/sets.js';
import { finishPoint, getBackupTarget, getPoint, insertRunningPoint, listPoints, setBackupTarget, type NewPoint } from '../src/backups/store.js';
import { addHost } from '../src/db/hosts.js';
import { setupBackends } from './postgres.js';

const point = (uuid: string, id: string, over: Partial<NewPoint> = {}): NewPoint => ({
  id,
  hostId: 'h1',
  uuid,
  domainName: 'vm1',
  setId: id,
  parentId: null,
  kind: 'full',
  pool: 'backups',
  checkpoint: `vd-${id}`,
  disks: [{ disk: 'vda', volume: `vm1.${id}.vda.qcow2`, path: `/b/vm1.${id}.vda.qcow2`, capacity: 5 * 2 ** 30, format: 'qcow2' }],
  domainXml: '<domain/>',
  actor: 'alice',
  ...over,
});

describe.each(setupBackends())('backup store on $name', (backend) => {
  it('a point runs, then ends once, with its size and times', async () => {
    const { db } = await backend.open();
    const uuid = randomUUID();
    const id = randomUUID();
    let now = 1_000;
    await insertRunningPoint(db, point(uuid, id), () => now);
    now = 4_000;
    await finishPoint(db, id, { status: 'done', sizeBytes: 3 * 2 ** 32 }, () => now);
    await finishPoint(db, id, { status: 'failed', error: 'late' }, () => 9_000);
    expect(await getPoint(db, id)).toMatchObject({ status: 'done', sizeBytes: 3 * 2 ** 32, startedAt: 1_000, endedAt: 4_000, error: null, disks: [{ capacity: 5 * 2 ** 30 }] });
  });

  it('sets group done points by their full; failed points are left out; dependants follow the chain', async () => {
    const { db } = await backend.open();
    const uuid = randomUUID();
    const [f1, i1, bad, i2, f2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    let now = 0;
    const clock = () => (now += 10);
    await insertRunningPoint(db, point(uuid, f1), clock);
    await insertRunningPoint(db, point(uuid, i1, { setId: f1, parentId: f1, kind: 'incremental' }), clock);
    await insertRunningPoint(db, point(uuid, bad, { setId: f1, parentId: i1, kind: 'incremental' }), clock);
    await insertRunningPoint(db, point(uuid, i2, { setId: f1, parentId: i1, kind: 'incremental' }), clock);
    await insertRunningPoint(db, point(uuid, f2), clock);
    for (const id of [f1, i1, i2, f2]) await finishPoint(db, id, { status: 'done', sizeBytes: 100 });
    await finishPoint(db, bad, { status: 'failed', error: 'No space left on device' });
    const points = await listPoints(db, 'h1', uuid);
    expect(groupSets(points).map((s) => [s.id, s.points.map((p) => p.id), s.sizeBytes])).toEqual([
      [f1, [f1, i1, i2], 300],
      [f2, [f2], 100],
    ]);
    const byId = (id: string) => points.find((p) => p.id === id)!;
    expect(dependantsOfPoint(points, byId(f1)).map((p) => p.id)).toEqual([i1, i2]);
    expect(dependantsOfPoint(points, byId(i2))).toEqual([]);
  });

  it("a host's target is one pool, replaced by the next choice", async () => {
    const { db } = await backend.open();
    const host = await addHost(db, { name: 'h', uri: 'test:///default' });
    expect(await getBackupTarget(db, host.id)).toBeNull();
    await setBackupTarget(db, host.id, 'b1', 'admin');
    await setBackupTarget(db, host.id, 'b2', 'admin');
    expect(await getBackupTarget(db, host.id)).toBe('b2');
  });
});
