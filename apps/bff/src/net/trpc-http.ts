// tRPC over plain HTTP: tRPC's standalone adapter with a cheaper way of writing an answer.
// The adapter pipes every answer's body, a web ReadableStream, through a WritableStream into the
// Node response, chunked, and ends it with a second write. Under the load bench (500 requests a
// second) that piping and the garbage it leaves were a large share of the BFF's CPU, for answers
// that are one JSON string tRPC already holds whole. Such an answer (content-type
// application/json: every query, mutation and batch) is read whole here and written with its
// length in one write; a streamed answer (server-sent events, JSON lines) is piped as tRPC does.
// Everything else is tRPC's own: reading the request (incomingMessageToRequest), resolving it
// (resolveResponse: paths, batches, contexts, errors) and its last-resort error answer.
import { getTRPCErrorFromUnknown, type AnyTRPCRouter } from '@trpc/server';
import { createURL, incomingMessageToRequest, internal_exceptionHandler } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import type { inferRouterContext } from '@trpc/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from './request-limits.js';

export interface TrpcHttpOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** The path tRPC answers under, e.g. '/trpc/'. */
  basePath: string;
  maxBodySize: number;
  maxBatchSize: number;
  /** Runs first; calls next() to hand the request to tRPC. */
  middleware: Middleware;
  createContext(opts: { req: IncomingMessage; res: ServerResponse }): Promise<inferRouterContext<TRouter>>;
}

export function createTrpcHttpHandler<TRouter extends AnyTRPCRouter>(opts: TrpcHttpOptions<TRouter>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let path = '';
    const fail = (cause: unknown) => internal_exceptionHandler({ router: opts.router, req, res, path, createContext: opts.createContext })(cause);
    const answer = async (err: unknown) => {
      const request = incomingMessageToRequest(req, res, { maxBodySize: opts.maxBodySize });
      const response = await resolveResponse({
        router: opts.router,
        req: request,
        path,
        maxBatchSize: opts.maxBatchSize,
        error: err ? getTRPCErrorFromUnknown(err) : null,
        createContext: () => opts.createContext({ req, res }),
      });
      await writeResponse(response, request.signal, res);
    };
    try {
      path = createURL(req).pathname.slice(opts.basePath.length);
      opts.middleware(req, res, (err) => void answer(err).catch(fail));
    } catch (e) {
      fail(e);
    }
  };
}

async function writeResponse(response: Response, signal: AbortSignal, res: ServerResponse): Promise<void> {
  if (res.statusCode === 200) res.statusCode = response.status;
  for (const [key, value] of response.headers) if (key !== 'set-cookie') res.setHeader(key, value);
  const cookies = response.headers.getSetCookie();
  // Cookies set by a procedure through ctx.req.setCookie are on `res` already: keep them.
  if (cookies.length > 0) res.appendHeader('set-cookie', cookies);
  if (!response.body) return void res.end();
  if (response.headers.get('content-type') === 'application/json') {
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader('content-length', body.length);
    return void res.end(body);
  }
  try {
    await pipeBody(response.body, signal, res);
  } catch (e) {
    if (!res.headersSent) res.statusCode = 500;
    throw e;
  } finally {
    res.end();
  }
}

/** A streamed answer, chunk by chunk as it comes, waiting for the socket to drain (tRPC's writeResponseBody). */
async function pipeBody(body: ReadableStream<Uint8Array>, signal: AbortSignal, res: ServerResponse): Promise<void> {
  const sink = new WritableStream<Uint8Array>({
    async write(chunk) {
      if (!res.write(chunk)) await drained(res);
    },
  });
  try {
    await body.pipeTo(sink, { signal });
  } catch (e) {
    // The client went away: the stream was cancelled, which ends its subscription.
    if (signal.aborted) return;
    throw e;
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      res.off('error', fail);
      resolve();
    };
    const fail = (e: Error) => {
      done();
      reject(e);
    };
    res.once('drain', done);
    res.once('close', done);
    res.once('error', fail);
  });
}
