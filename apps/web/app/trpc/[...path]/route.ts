// Forwards tRPC HTTP calls to the BFF, so the browser only ever talks to this origin: no CORS,
// and session cookies stay first-party. The BFF address comes from the server's environment.
import type { NextRequest } from 'next/server';

const bff = process.env.VIRTDECK_BFF_URL ?? 'http://127.0.0.1:4000';
// Hop-by-hop headers must not be forwarded.
const dropped = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

async function forward(req: NextRequest): Promise<Response> {
  const target = new URL(req.nextUrl.pathname + req.nextUrl.search, bff);
  const headers = new Headers();
  req.headers.forEach((value, key) => {
    if (!dropped.has(key)) headers.set(key, value);
  });
  try {
    const res = await fetch(target, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer(),
      redirect: 'manual',
    });
    const out = new Headers(res.headers);
    out.delete('content-encoding');
    out.delete('content-length');
    return new Response(res.body, { status: res.status, headers: out });
  } catch {
    return Response.json(
      [{ error: { message: 'The Virtdeck backend (BFF) is not reachable', code: -32603, data: { code: 'BAD_GATEWAY', httpStatus: 502 } } }],
      { status: 502 },
    );
  }
}

export const GET = forward;
export const POST = forward;
export const dynamic = 'force-dynamic';
