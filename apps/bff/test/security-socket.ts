// A /trpc websocket spoken by hand (tRPC's JSON-RPC messages over `ws`), for the security
// tests: unlike tRPC's client it never reconnects, shows how and why the server closed it, and
// can stop reading to play a slow browser.
import WebSocket from 'ws';
import { ORIGIN, type SessionCookie } from './harness.js';

export interface Answer {
  id: number | null;
  result?: { type: 'data' | 'started' | 'stopped'; id?: string; data?: unknown };
  error?: { message: string; data: { code: string } };
}

export interface RawSocket {
  ws: WebSocket;
  /** Every message the server sent, in order. */
  answers: Answer[];
  /** A query or mutation; answers its result's data, or the error. */
  call(method: 'query' | 'mutation', path: string, input?: unknown): Promise<Answer>;
  /** Starts a subscription; answers its id and the first answer (started, or an error). */
  subscribe(path: string, input?: unknown): Promise<{ id: number; first: Answer }>;
  stop(id: number): void;
  /** Sends one raw message (a batch is an array). */
  send(message: unknown): void;
  /** Resolves when the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the first answer that matches, however long ago it came. */
  waitFor(pred: (a: Answer) => boolean, timeoutMs?: number): Promise<Answer>;
  close(): void;
}

export function openRawSocket(bff: { url: string }, session: SessionCookie): Promise<RawSocket> {
  const ws = new WebSocket(`${bff.url.replace('http', 'ws')}/trpc`, { headers: { origin: ORIGIN, cookie: session.cookie } });
  const answers: Answer[] = [];
  const waiters = new Set<{ pred: (a: Answer) => boolean; resolve: (a: Answer) => void }>();
  let nextId = 1;
  ws.on('message', (data: Buffer) => {
    const text = data.toString();
    if (text === 'PING') return void ws.send('PONG');
    const parsed = JSON.parse(text) as Answer | Answer[];
    for (const a of Array.isArray(parsed) ? parsed : [parsed]) {
      answers.push(a);
      for (const w of waiters) {
        if (!w.pred(a)) continue;
        waiters.delete(w);
        w.resolve(a);
      }
    }
  });
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const waitFor = (pred: (a: Answer) => boolean, timeoutMs = 20_000) => {
    const seen = answers.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching answer within ${timeoutMs} ms`)), timeoutMs);
      waiters.add({ pred, resolve: (a) => (clearTimeout(timer), resolve(a)) });
    });
  };
  const send = (message: unknown) => ws.send(JSON.stringify(message));
  const socket: RawSocket = {
    ws,
    answers,
    closed,
    waitFor,
    send,
    call(method, path, input) {
      const id = nextId++;
      send({ id, method, params: { path, input } });
      return waitFor((a) => a.id === id);
    },
    async subscribe(path, input) {
      const id = nextId++;
      send({ id, method: 'subscription', params: { path, input } });
      return { id, first: await waitFor((a) => a.id === id) };
    },
    stop: (id) => send({ id, method: 'subscription.stop' }),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}
