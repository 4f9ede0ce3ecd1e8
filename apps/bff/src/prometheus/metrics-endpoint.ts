// GET /metrics: every host and VM the caller may see, in Prometheus' text format, read live from
// the hosts at scrape time (one bulk stats call per host, all hosts at once). Meant for an API
// token (`Authorization: Bearer vdt_…`, any role: reading is all it does); a browser session works
// too. A host the caller may not read is left out entirely; a host that is down or too slow shows
// as `virtdeck_host_up{host="…"} 0`, never as a failed scrape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { identifyCaller } from '../auth/caller.js';
import { can } from '../auth/roles.js';
import type { Services } from '../context.js';
import type { Middleware } from '../net/request-limits.js';
import { CONTENT_TYPE, Exposition } from './exposition.js';
import { declareFamilies, writeHost, writeHostDown } from './host-families.js';
import { readHost, type HostReading } from './host-reading.js';

/** Prometheus' own default scrape timeout is 10 s: a host slower than this counts as down. */
export const HOST_TIMEOUT_MS = 8_000;

export interface MetricsEndpointOptions {
  /** The client address as the context sees it (trusted proxies applied). */
  ipOf(req: IncomingMessage): string;
  hostTimeoutMs?: number;
}

function answer(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The exposition text for the hosts `hostIds`, each read at once and timed. */
export async function renderMetrics(services: Pick<Services, 'hosts'>, hostIds: readonly string[], timeoutMs = HOST_TIMEOUT_MS): Promise<string> {
  const targets = services.hosts.targets().filter((t) => hostIds.includes(t.id));
  const readings = await Promise.all(
    targets.map(async (t) => {
      const started = performance.now();
      let reading: HostReading | null = null;
      try {
        reading = await withTimeout(services.hosts.client(t.id).then(readHost), timeoutMs);
      } catch {
        // Down, refusing, or too slow: said by virtdeck_host_up 0.
      }
      return { name: t.name, reading, seconds: (performance.now() - started) / 1000 };
    }),
  );
  const e = new Exposition();
  declareFamilies(e);
  for (const r of readings) {
    if (r.reading) writeHost(e, r.name, r.reading, r.seconds);
    else writeHostDown(e, r.name, r.seconds);
  }
  return e.text();
}

/** Serves GET /metrics; everything else goes on to `next`. */
export function metricsEndpoint(services: Services, opts: MetricsEndpointOptions, next: Middleware): Middleware {
  return (req, res, pass) => {
    const url = new URL(req.url ?? '/', 'http://bff');
    if (url.pathname !== '/metrics') return next(req, res, pass);
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'only GET\n', { Allow: 'GET, HEAD' });
      const { auth, refusal } = await identifyCaller(services, req, { ip: opts.ipOf(req), allowToken: true, what: 'GET /metrics' });
      if (!auth) return answer(res, 401, `${refusal ?? 'an API token is required (Authorization: Bearer …)'}\n`, { 'WWW-Authenticate': 'Bearer realm="virtdeck"' });
      const visible = services.hosts.targets().map((t) => t.id).filter((id) => can(auth.user, 'read', id));
      answer(res, 200, await renderMetrics(services, visible, opts.hostTimeoutMs));
    })().catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      answer(res, 500, `metrics failed: ${e instanceof Error ? e.message : String(e)}\n`);
    });
  };
}
