// Limits on plain HTTP requests before tRPC reads them. tRPC itself caps the body it reads
// (maxBodySize) and the calls in a batch (maxBatchSize); here a declared oversize body is refused
// before a byte of it is read, a body that trickles in is cut off after `bodyTimeoutMs`, and the
// rest of a body answered before it was read is read (up to the cap) and dropped before closing.
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
    // Answered before the body was read (refused by a check, or too large): read what is left,
    // but no more than the cap, then close. Destroying the socket while unread bytes sit in its
    // receive buffer makes the kernel send a reset, which can reach the client (the web server's
    // forwarder) before the answer and turn a 403 into a 502.
    res.once('finish', () => {
      if (req.complete) return;
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > limits.maxBodyBytes) req.socket.destroy();
      });
      req.once('end', () => req.socket.end());
      req.resume();
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
