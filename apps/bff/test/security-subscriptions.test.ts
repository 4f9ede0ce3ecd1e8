// Subscriptions are bounded (security issue 13, item 10): one /trpc websocket runs at most 32 at
// once, and a subscriber too slow to take its events gets a `lagging` resync instead of an ever
// longer queue in the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../src/live/live-events.js';
import { ADMIN_PASSWORD, type SessionCookie } from './harness.js';
import { startLimitedBff, type LimitedBff } from './security-bff.js';
import { openRawSocket } from './security-socket.js';

describe('subscription limits', () => {
  let bff: LimitedBff;
  let admin: SessionCookie;

  beforeAll(async () => {
    bff = await startLimitedBff({});
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await bff?.close();
  });

  it('runs at most 32 subscriptions on one socket, with a clear error past that', async () => {
    const s = await openRawSocket(bff, admin);
    const ids: number[] = [];
    for (let i = 0; i < 32; i++) {
      const { id, first } = await s.subscribe('host.states');
      expect(first.result?.type, JSON.stringify(first)).toBe('started');
      ids.push(id);
    }
    const refused = await s.subscribe('host.states');
    expect(refused.first.error?.data.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.first.error?.message).toContain('at most 32 live subscriptions');

    // Stopping one makes room for another.
    s.stop(ids[0]!);
    await s.waitFor((a) => a.id === ids[0] && a.result?.type === 'stopped');
    expect((await s.subscribe('host.states')).first.result?.type).toBe('started');
    s.close();
  });

  it('gives a slow subscriber a resync instead of queueing without end', async () => {
    const s = await openRawSocket(bff, admin);
    const { id, first } = await s.subscribe('live.events', {});
    expect(first.result?.type).toBe('started');
    // The browser stops reading; its TCP window fills, then the server's socket buffer.
    s.ws.pause();

    // A flood of live events, as a busy host would send, pushed a few per turn of the event loop
    // so that a subscriber keeping up would get every one (8 KiB each: 40 MB in all). Network
    // events, which nothing else in the BFF acts on.
    const total = 5000;
    const padding = 'x'.repeat(8 * 1024);
    for (let i = 0; i < total; i++) {
      const event: LiveEvent = { kind: 'network', hostId: bff.server.services.hosts.targets()[0]!.id, network: { name: `flood-${i}-${padding}`, uuid: '' }, event: 'defined' };
      bff.server.services.liveEvents.push(event);
      if (i % 25 === 0) await new Promise((r) => setImmediate(r));
    }

    s.ws.resume();
    const resync = await s.waitFor((a) => a.id === id && (a.result?.data as { data?: { kind?: string } } | undefined)?.data?.kind === 'resync');
    expect((resync.result?.data as { data: { reason: string } }).data.reason).toBe('lagging');
    const delivered = s.answers.filter((a) => a.id === id && a.result?.type === 'data').length;
    expect(delivered).toBeLessThan(total);
    s.close();
  });
});
