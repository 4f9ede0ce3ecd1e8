// Pool and network lifecycle reach the browser live, on the same subscription as domain events:
// changes made behind the BFF's back with virsh arrive as `pool` and `network` events, each with
// the object's row as its list shows it after the event (null once it is gone).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../src/live/live-events.js';
import type { Resync } from '../src/live/event-log.js';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, startTestBff, wsClientFor, type TestBff } from './harness.js';
import { collector } from './live.js';

describe('pool and network events', () => {
  const pool = uniqueName('livepool');
  const net = uniqueName('livenet');
  const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-live-'));
  const seen = collector<LiveEvent | Resync>();
  let bff: TestBff;
  let ws: ReturnType<typeof wsClientFor>;
  let unsubscribe = () => {};

  beforeAll(async () => {
    bff = await startTestBff();
    ws = wsClientFor(bff, await bff.signIn('admin', ADMIN_PASSWORD));
    const sub = ws.client.live.events.subscribe({ hostId: bff.hostId }, { onData: (d) => seen.push(d.data) });
    unsubscribe = () => sub.unsubscribe();
  });

  afterAll(async () => {
    unsubscribe();
    ws?.close();
    virshQuietly('pool-destroy', pool);
    virshQuietly('pool-undefine', pool);
    virshQuietly('net-undefine', net);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  const poolEvent = (event: string) => (e: LiveEvent | Resync) => e.kind === 'pool' && e.pool.name === pool && e.event === event;
  const netEvent = (event: string) => (e: LiveEvent | Resync) => e.kind === 'network' && e.network.name === net && e.event === event;

  it('a pool defined, started, stopped and undefined with virsh', async () => {
    // The subscription is live once it delivers: define again until the first event arrives.
    for (let attempt = 1; ; attempt++) {
      virsh('pool-define-as', pool, 'dir', '--target', dir);
      const arrived = await seen.waitFor(poolEvent('defined'), 3_000).then(
        () => true,
        () => false,
      );
      if (arrived) break;
      if (attempt === 5) throw new Error('no pool event after 5 tries');
      virsh('pool-undefine', pool);
    }
    virsh('pool-start', pool);
    expect(await seen.waitFor(poolEvent('started'))).toMatchObject({ row: { name: pool, state: 'running', type: 'dir', targetPath: dir } });
    virsh('pool-destroy', pool);
    expect(await seen.waitFor(poolEvent('stopped'))).toMatchObject({ row: { name: pool, state: 'inactive' } });
    virsh('pool-undefine', pool);
    // The last one: a retry above may have undefined it before (that row shows it defined again).
    const last = await seen.waitFor((e) => poolEvent('undefined')(e) && e.kind === 'pool' && e.row === null);
    expect(last).toMatchObject({ kind: 'pool', hostId: bff.hostId, pool: { name: pool, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) }, row: null });
  });

  it('a network defined and undefined with virsh', async () => {
    const file = path.join(dir, 'net.xml');
    writeFileSync(file, `<network><name>${net}</name><bridge name='vdl${(process.pid % 100_000).toString(36)}'/></network>`);
    virsh('net-define', file);
    expect(await seen.waitFor(netEvent('defined'))).toMatchObject({ row: { name: net, active: false, persistent: true } });
    virsh('net-undefine', net);
    expect(await seen.waitFor(netEvent('undefined'))).toMatchObject({ row: null });
  });
});
