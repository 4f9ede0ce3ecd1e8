// 200 state changes in a burst, made behind the BFF's back on a second libvirt connection:
// suspends and resumes of four running tiny guests, and domains defined and undefined. A client
// that keeps the list as the browser does (the first `domain.listAll`, then each lifecycle
// event's row applied with applyDomainRow, never a refetch) ends with every row in the state
// libvirt reports, and so does the BFF's own list cache. Nothing goes missing.
import { Libvirt } from '@virtdeck/libvirt-client';
import { applyDomainRow, type DomainRow, type LiveEvent } from '@virtdeck/contract/live';
import type { Resync } from '../src/live/event-log.js';
import { qemuUri, uniqueName, virshQuietly } from '@virtdeck/test-kit/daemon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { collector } from './live.js';
import { waitFor } from './guest-waits.js';

const RUNNING = 4;
const TOGGLES_EACH = 40; // 40, 39, 40, 39: 158 suspends and resumes
const DEFINED = 32;
const UNDEFINED = 10; // + 32 + 10 = 200 changes

// A guest with no disk: qemu starts it (TCG, 32 MiB) and it idles in its firmware.
const domainXml = (name: string) =>
  `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
   <os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`;

describe('a burst of 200 state changes, live', () => {
  const prefix = uniqueName('burst');
  const running = Array.from({ length: RUNNING }, (_, i) => `${prefix}-run${i}`);
  const defined = Array.from({ length: DEFINED }, (_, i) => `${prefix}-def${i}`);
  const ours = (name: string) => name.startsWith(`${prefix}-`);
  let bff: TestBff;
  let viewer: SessionCookie;
  let lv: Libvirt;
  let ws: ReturnType<typeof wsClientFor>;
  const seen = collector<LiveEvent | Resync>();
  let unsubscribe = () => {};

  beforeAll(async () => {
    lv = await Libvirt.connect(qemuUri());
    for (const name of running) {
      await lv.domains.define(domainXml(name));
      await lv.domains.start(name);
    }
    bff = await startTestBff();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
    ws = wsClientFor(bff, viewer);
    const sub = ws.client.live.events.subscribe({ hostId: bff.hostId }, { onData: (d) => seen.push(d.data), onError: (e) => console.error(e) });
    unsubscribe = () => sub.unsubscribe();
    // The subscription is live once it delivers: one of our guests paused and resumed proves it
    // (on a loaded machine the first pause may come before the subscription is: then again).
    const ofOurs = (event: string) => (e: LiveEvent | Resync) => e.kind === 'lifecycle' && e.domain.name === running[0] && e.event === event;
    await waitFor('the subscription to deliver', async () => {
      await lv.domains.suspend(running[0]!);
      const delivered = await seen.waitFor(ofOurs('suspended'), 5_000).catch(() => undefined);
      await lv.domains.resume(running[0]!);
      return delivered;
    }, 60_000);
    await seen.waitFor(ofOurs('resumed'));
  }, 120_000);

  afterAll(async () => {
    unsubscribe();
    ws?.close();
    for (const name of [...running, ...defined]) {
      virshQuietly('destroy', name);
      virshQuietly('undefine', name);
    }
    await lv?.close();
    await bff?.close();
  });

  it('ends with every row in the state libvirt reports, from the events alone', async () => {
    const first = await bff.client(viewer).domain.listAll.query();
    const host = first.find((h) => h.id === bff.hostId)!;
    expect(host.error).toBeNull();
    let rows: DomainRow[] = host.domains.filter((d) => ours(d.name));
    expect(rows.map((d) => d.name).sort()).toEqual([...running].sort());
    const from = seen.events.length;

    // The burst: every guest's toggles and the defines run at once, each sequence in order.
    // Guest i ends paused when its count of toggles is odd.
    const toggles = running.map(async (name, i) => {
      for (let n = 0; n < TOGGLES_EACH - (i % 2); n++) {
        if (n % 2 === 0) await lv.domains.suspend(name);
        else await lv.domains.resume(name);
      }
    });
    const defines = (async () => {
      for (const name of defined) await lv.domains.define(domainXml(name));
      for (const name of defined.slice(0, UNDEFINED)) await lv.domains.undefine(name);
    })();
    await Promise.all([...toggles, defines]);

    // The truth, read after the burst, and the rows the events say, applied in their order.
    const truth = new Map((await lv.domains.list()).filter((d) => ours(d.name)).map((d) => [d.name, d.state]));
    expect(truth.size).toBe(RUNNING + DEFINED - UNDEFINED);
    expect([...truth].filter(([, s]) => s === 'paused').length).toBe(RUNNING / 2);
    const stateOf = (list: readonly DomainRow[]) => new Map(list.filter((d) => ours(d.name)).map((d) => [d.name, d.state]));
    await waitFor(
      'every row in its final state from the events',
      async () => {
        let list = rows;
        for (const e of seen.events.slice(from)) {
          if (e.kind === 'resync') throw new Error(`a resync (${e.reason}): the events alone do not tell`);
          if (e.kind === 'lifecycle' && ours(e.domain.name)) {
            if (e.row === undefined) throw new Error(`a lifecycle event without its row: ${JSON.stringify(e)}`);
            list = applyDomainRow(list, e.domain.uuid, e.row);
          }
        }
        const got = stateOf(list);
        return [...truth].every(([name, state]) => got.get(name) === state) && got.size === truth.size ? (rows = list) : undefined;
      },
      60_000,
    );
    expect(stateOf(rows)).toEqual(truth);
    // Each toggle and each define and undefine was an event of ours.
    const ourEvents = seen.events.slice(from).filter((e) => e.kind === 'lifecycle' && ours(e.domain.name));
    expect(ourEvents.length).toBeGreaterThanOrEqual(200);

    // The BFF's list cache followed the same events: its answer matches too.
    const after = await bff.client(viewer).domain.listAll.query();
    expect(stateOf(after.find((h) => h.id === bff.hostId)!.domains)).toEqual(truth);
  }, 180_000);
});
