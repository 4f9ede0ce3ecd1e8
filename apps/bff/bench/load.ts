// Figure 2: 200 clients hold live subscriptions over websockets while the API takes 500 requests
// a second for a minute, on loopback. Goal: no errors, p99 under 100 ms, memory flat.
import autocannon from 'autocannon';
import WebSocket from 'ws';
import type { Session } from './bff-process.js';

export interface LoadResult {
  requests: number;
  errors: number;
  non2xx: number;
  p99Ms: number;
  p50Ms: number;
  rps: number;
  subscribers: number;
  subscriptionEvents: number;
}

function subscriber(url: string, s: Session, onEvent: () => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/trpc`, { headers: { cookie: s.cookie, origin: 'http://bench.local' } });
    ws.on('open', () => {
      ws.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'live.events', input: {} } }));
      ws.send(JSON.stringify({ id: 2, method: 'subscription', params: { path: 'host.states' } }));
      resolve(ws);
    });
    ws.on('message', (data: Buffer) => {
      // tRPC's keepalive: answer the server's PING, or it closes the socket as dead.
      if (data.toString() === 'PING') ws.send('PONG');
      else onEvent();
    });
    ws.on('error', reject);
  });
}

export async function benchLoad(url: string, s: Session, hostId: string, seconds: number, subscribers = 200): Promise<LoadResult> {
  let events = 0;
  const sockets = await Promise.all(Array.from({ length: subscribers }, () => subscriber(url, s, () => events++)));
  const headers = { cookie: s.cookie };
  const q = (path: string, input?: unknown) => ({
    method: 'GET' as const,
    path: `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
    headers,
  });
  try {
    const result = await autocannon({
      url,
      connections: 50,
      overallRate: 500,
      duration: seconds,
      requests: [q('domain.list', { hostId }), q('host.list'), q('auth.me'), q('domain.list', { hostId })],
    });
    return {
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      p99Ms: result.latency.p99,
      p50Ms: result.latency.p50,
      rps: result.requests.average,
      subscribers: sockets.filter((w) => w.readyState === WebSocket.OPEN).length,
      subscriptionEvents: events,
    };
  } finally {
    for (const w of sockets) w.close();
  }
}
