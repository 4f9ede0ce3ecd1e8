// Two BFF replicas on one PostgreSQL behave as one: a host added through one is connected by the
// other, live-event ids mean the same on both (a subscriber moved from one to the other resumes
// without a resync), each host's event feed moves to the other replica when its holder goes, a
// periodic job's run is claimed once, and PostgreSQL stopped and started again: changes refused
// with a typed error meanwhile, audit rows kept and written once it is back, changes working again. One BFF on SQLite says at start that it runs alone.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@virtdeck/contract/live';
import { qemuUri, uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { loadConfig } from '../src/config.js';
import { startServices } from '../src/services.js';
import { claimRun } from '../src/jobs/claims.js';
import { Leases } from '../src/jobs/leases.js';
import type { Resync } from '../src/live/event-log.js';
import { openDatabase } from '../src/db/database.js';
import { DatabaseHealth } from '../src/replicas/database-health.js';
import { PgNotifier } from '../src/replicas/notifier.js';
import { liveLease, SharedLiveEvents } from '../src/replicas/shared-live-events.js';
import { ADMIN_PASSWORD, failureOf, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { waitFor } from './guest-waits.js';
import { startPostgres, type PgCluster } from './postgres.js';

type Event = LiveEvent | Resync;

/** Polls until `pred` holds (no fixed sleeps; the deadline only bounds a failure). */
const until = (what: string, ms: number, pred: () => boolean | Promise<boolean>) => waitFor(what, async () => ((await pred()) ? true : undefined), ms);

describe('two BFF replicas on one PostgreSQL', () => {
  let cluster: PgCluster;
  let a: TestBff;
  let b: TestBff;
  let adminA: SessionCookie;
  let adminB: SessionCookie;
  const domain = uniqueName('replica');
  const xmlDir = mkdtempSync(path.join(tmpdir(), 'vdtest-'));
  const xml = path.join(xmlDir, 'd.xml');
  // Redefining the domain makes libvirt send a `defined` lifecycle event, each time.
  const redefine = () => virsh('define', xml);

  beforeAll(async () => {
    writeFileSync(xml, `<domain type='qemu'><name>${domain}</name><uuid>${randomUUID()}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`);
    cluster = await startPostgres();
    const url = await cluster.createDatabase();
    // One after the other: the first registers the daemon as the first host, the second finds it.
    a = await startTestBff({ VIRTDECK_DATABASE_URL: url });
    b = await startTestBff({ VIRTDECK_DATABASE_URL: url });
    adminA = await a.signIn('admin', ADMIN_PASSWORD);
    adminB = await b.signIn('admin', ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    virshQuietly('undefine', domain);
    rmSync(xmlDir, { recursive: true, force: true });
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  it('a host added through one replica is connected by the other, and removed from both', async () => {
    expect(b.hostId).toBe(a.hostId);
    const name = uniqueName('peer-host');
    const host = await a.client(adminA).host.add.mutate({ name, uri: 'test:///default' });
    try {
      // The other replica holds its own connection to it (connecting at once, with its own state).
      await until('the other replica to take the new host', 10_000, () => b.server.services.hosts.targets().some((t) => t.id === host.id));
      expect((await b.client(adminB).host.list.query()).map((h) => h.name)).toContain(name);
    } finally {
      await b.client(adminB).host.remove.mutate({ hostId: host.id });
    }
    await until('the first replica to drop the host', 10_000, () => !a.server.services.hosts.targets().some((t) => t.id === host.id));
  });

  it("gives each live event the same id on both replicas, so a subscriber moved to the other resumes without a resync", async () => {
    const lease = liveLease(a.hostId);
    await until('one replica to feed the host', 10_000, () => a.server.services.replicas.leases.holds(lease) !== b.server.services.replicas.leases.holds(lease));

    const onA = wsClientFor(a, adminA);
    const seenA: { id: string; data: Event }[] = [];
    const subA = onA.client.live.events.subscribe({ hostId: a.hostId }, { onData: (d) => seenA.push(d) });
    try {
      const defined = (after: number) => async () => seenA.slice(after).find((e) => e.data.kind === 'lifecycle' && e.data.domain.name === domain);
      // Subscribed once the first event arrives.
      let first: { id: string; data: Event } | undefined;
      await until('the first event on replica A', 20_000, async () => {
        if (!(first = await defined(0)())) redefine();
        return first !== undefined;
      });
      const mark = seenA.length;
      redefine();
      const second = await waitFor('the next event on replica A', defined(mark), 20_000);

      // The browser moves to B with the last id it saw on A: B replays the rest, no resync.
      const onB = wsClientFor(b, adminB);
      const seenB: { id: string; data: Event }[] = [];
      const subB = onB.client.live.events.subscribe({ hostId: a.hostId, lastEventId: first!.id }, { onData: (d) => seenB.push(d) });
      try {
        const replayed = await waitFor('B to replay the event after the last id', () => seenB.find((e) => e.id === second.id), 20_000);
        expect(replayed.data).toEqual(second.data);
        expect(seenB.filter((e) => e.data.kind === 'resync')).toEqual([]);
      } finally {
        subB.unsubscribe();
        onB.close();
      }
    } finally {
      subA.unsubscribe();
      onA.close();
    }
  });

  it("takes over a lease whose holder stopped renewing it (died), and only then", async () => {
    const name = uniqueName('lease');
    // The holder renews once a day: as if it died right after taking the lease.
    const dead = new Leases(a.server.services.db, { holder: 'dead', ttlMs: 1_000, renewMs: 86_400_000 });
    const heir = new Leases(b.server.services.db, { holder: 'heir', ttlMs: 1_000, renewMs: 100 });
    dead.want(name);
    await dead.start();
    expect(dead.holds(name)).toBe(true);
    const acquired: string[] = [];
    heir.onAcquired((n) => acquired.push(n));
    heir.want(name);
    await heir.start();
    // While the lease is live the heir waits; once it lapses the heir takes it.
    expect(heir.holds(name) ? await heir.holderOf(name) : 'dead').toBe('dead');
    await until('the heir to take the lapsed lease', 10_000, () => heir.holds(name));
    expect(acquired).toEqual([name]);
    expect(await heir.holderOf(name)).toBe('heir');
    await heir.stop();
    // A stopped holder releases at once.
    expect(await heir.holderOf(name)).toBeUndefined();
    await dead.stop();
  });

  it('owes a resync for the events it could not share while the database was away, and writes it once it is back', async () => {
    const url = await cluster.createDatabase();
    const database = await openDatabase({ kind: 'postgres', connectionString: url });
    const notifier = await PgNotifier.start(url, new DatabaseHealth());
    // Holds the host's feed for the whole test (renewed once, at start).
    const leases = new Leases(database.db, { holder: 'feeder', ttlMs: 3_600_000, renewMs: 3_600_000 });
    leases.want(liveLease('h1'));
    await leases.start();
    const shared = await SharedLiveEvents.start(database.db, notifier, leases);
    const logged: Event[] = [];
    shared.log.listen(({ event }) => logged.push(event));
    try {
      await cluster.halt();
      try {
        shared.publish({ kind: 'lifecycle', hostId: 'h1', domain: { name: 'lost', uuid: randomUUID() }, event: 'started', detail: null });
        await shared.settled();
      } finally {
        await cluster.start();
      }
      await until('the owed resync to be shared', 20_000, () => logged.some((e) => e.kind === 'resync' && e.hostId === 'h1'));
      expect(logged.filter((e) => e.kind === 'lifecycle')).toEqual([]);
    } finally {
      shared.close();
      await leases.stop();
      await notifier.close();
      await database.close();
    }
  }, 60_000);

  it('claims each run of a periodic job once across the two replicas', async () => {
    const job = uniqueName('job');
    const slots = Array.from({ length: 20 }, (_, i) => String(i));
    const won = await Promise.all(
      slots.flatMap((slot) => [
        claimRun(a.server.services.db, job, slot, { replica: 'a' }).then((ok) => (ok ? `${slot}:a` : null)),
        claimRun(b.server.services.db, job, slot, { replica: 'b' }).then((ok) => (ok ? `${slot}:b` : null)),
      ]),
    );
    const winners = won.filter((w): w is string => w !== null);
    expect(winners.map((w) => w.split(':')[0]).sort()).toEqual([...slots].sort());
  });

  it('PostgreSQL away: changes refused with a typed error, audit rows kept, everything back by itself', async () => {
    const outbox = a.server.services.auditOutbox;
    await cluster.halt();
    try {
      await until('replica A to see the database gone', 10_000, () => !a.server.services.dbHealth.isUp);
      const refused = await failureOf(a.client(adminA).host.add.mutate({ name: uniqueName('while-down'), uri: 'test:///default' }));
      expect(refused.code).toBe('SERVICE_UNAVAILABLE');
      expect((refused.data as unknown as { unavailable: string | null }).unavailable).toBe('database');
      expect(refused.message).toMatch(/database .*cannot be reached/i);
      // A change that reached a host just as the database went: its audit row is kept.
      await outbox.write({ username: 'admin', objectType: 'domain', objectName: domain, action: 'start', result: 'ok' });
      expect(outbox.pending()).toBe(1);
    } finally {
      await cluster.start();
    }
    await until('replica A to see the database back', 20_000, () => a.server.services.dbHealth.isUp);
    await until('the kept audit row to be written', 20_000, () => outbox.pending() === 0);
    const log = await b.client(adminB).audit.list.query({ action: 'start', objectType: 'domain' });
    expect(log.items.map((i) => i.objectName)).toContain(domain);

    const name = uniqueName('after-outage');
    const host = await a.client(adminA).host.add.mutate({ name, uri: 'test:///default' });
    await until('the other replica to see the host added after the outage', 10_000, () => b.server.services.hosts.targets().some((t) => t.id === host.id));
    await a.client(adminA).host.remove.mutate({ hostId: host.id });
  }, 90_000);
});

describe('one BFF on SQLite', () => {
  it('says at start that it runs as a single process, and shares nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vdtest-sqlite-'));
    const lines: string[] = [];
    const services = await startServices(loadConfig({ VIRTDECK_DATA_DIR: dataDir, VIRTDECK_LIBVIRT_URI: qemuUri(), VIRTDECK_ADMIN_PASSWORD: ADMIN_PASSWORD }), (l) => lines.push(l));
    try {
      expect(lines.join('\n')).toMatch(/SQLite: this BFF runs as a single process; to run several replicas, give each the same VIRTDECK_DATABASE_URL/);
      expect(services.replicas.shared).toBe(false);
    } finally {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
