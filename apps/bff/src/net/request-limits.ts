// Limits on plain HTTP requests before tRPC reads them. tRPC itself caps the body it reads
// (maxBodySize) and the calls in a batch (maxBatchSize); here a declared oversize body is refused
// before a byte of it is read, a body that trickles in is cut off after `bodyTimeoutMs`, and a
// refused body is never read to its end: the connection closes after the answer instead.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerLimits } from './limits.js';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The answer in tRPC's error shape, so clients read it like any other failed call. */
function refuse(res: ServerResponse, httpStatus: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ error: { message, code: httpStatus === 413 ? -32600 : -32008, data: { code, httpStatus } } });
  res.writeHead(httpStatus, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

/**
 * Applies the limits to every request that `routes` (the routes that stream their own bodies:
 * volume transfers) passes on to tRPC.
 */
export function requestLimits(limits: Pick<ServerLimits, 'maxBodyBytes' | 'bodyTimeoutMs'>, routes: Middleware): Middleware {
  return (req, res, next) => {
    res.once('finish', () => {
      if (!req.complete) req.socket.destroy();
    });
    routes(req, res, (err) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > limits.maxBodyBytes) {
        return refuse(res, 413, 'PAYLOAD_TOO_LARGE', `the request body is over ${limits.maxBodyBytes} bytes`);
      }
      if (!req.complete) {
        const timer = setTimeout(() => {
          if (!req.complete) refuse(res, 408, 'TIMEOUT', `the request body did not arrive within ${limits.bodyTimeoutMs / 1000} s`);
        }, limits.bodyTimeoutMs);
        timer.unref();
        const clear = () => clearTimeout(timer);
        req.once('end', clear);
        res.once('close', clear);
      }
      next(err);
    });
  };
}
