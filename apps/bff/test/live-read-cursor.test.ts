// A page reads its first data before its websocket opens; a change made in between must still
// reach it. A session's subscription that starts without a last event id resumes from where the
// log stood before that session's first read (src/live/read-cursors.ts), so the suspend made
// between the list and the subscription is replayed; a session that read nothing hears only what
// comes after it subscribed.
import { Libvirt } from '@virtdeck/libvirt-client';
import type { LiveEvent } from '@virtdeck/contract/live';
import type { Resync } from '../src/live/event-log.js';
import { qemuUri, uniqueName, virshQuietly } from '@virtdeck/test-kit/daemon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestBff, wsClientFor, type TestBff } from './harness.js';
import { collector } from './live.js';
import { waitFor } from './guest-waits.js';

// A guest with no disk: qemu starts it (TCG, 32 MiB) and it idles in its firmware.
const domainXml = (name: string) =>
  `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
   <os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`;

describe('a subscription that opens after the first read', () => {
  const guest = uniqueName('readcursor');
  let bff: TestBff;
  let lv: Libvirt;
  const closers: (() => void)[] = [];

  beforeAll(async () => {
    lv = await Libvirt.connect(qemuUri());
    await lv.domains.define(domainXml(guest));
    await lv.domains.start(guest);
    bff = await startTestBff();
  }, 120_000);

  afterAll(async () => {
    for (const close of closers) close();
    virshQuietly('destroy', guest);
    virshQuietly('undefine', guest);
    await lv?.close();
    await bff?.close();
  });

  const subscribe = (session: Parameters<typeof wsClientFor>[1]) => {
    const seen = collector<LiveEvent | Resync>();
    const ws = wsClientFor(bff, session);
    let started: () => void = () => {};
    const whenStarted = new Promise<void>((resolve) => (started = resolve));
    const sub = ws.client.live.events.subscribe({ hostId: bff.hostId }, { onStarted: () => started(), onData: (d) => seen.push(d.data), onError: (e) => console.error(e) });
    closers.push(() => sub.unsubscribe(), ws.close);
    return Object.assign(seen, { whenStarted });
  };
  const stateIn = async (session: Parameters<typeof wsClientFor>[1]) =>
    (await bff.client(session!).domain.listAll.query()).find((h) => h.id === bff.hostId)?.domains.find((d) => d.name === guest)?.state;

  it('gets the change made between its session\'s read and its start', async () => {
    const page = await bff.signIn('admin', ADMIN_PASSWORD);
    const other = await bff.signIn('admin', ADMIN_PASSWORD);
    expect(await stateIn(page)).toBe('running');

    await lv.domains.suspend(guest);
    // The BFF logged the event once its list (changed by events alone) shows it.
    await waitFor('the BFF to log the suspend', async () => ((await stateIn(other)) === 'paused' ? true : undefined), 30_000);

    const replayed = await subscribe(page).waitFor((e) => e.kind === 'lifecycle' && e.domain.name === guest && e.event === 'suspended');
    expect(replayed.kind === 'lifecycle' && replayed.row?.state).toBe('paused');

    // A session that read nothing before it subscribed starts at the present: the suspend is not
    // replayed to it, and the resume after it is heard by both.
    const fresh = await bff.signIn('admin', ADMIN_PASSWORD);
    const late = subscribe(fresh);
    await late.whenStarted;
    await lv.domains.resume(guest);
    await late.waitFor((e) => e.kind === 'lifecycle' && e.domain.name === guest && e.event === 'resumed');
    expect(late.events.filter((e) => e.kind === 'lifecycle' && e.domain.name === guest).map((e) => e.kind === 'lifecycle' && e.event)).toEqual(['resumed']);
  }, 120_000);
});
