// One port for both schemes, as Cockpit does: a connection that opens with a TLS handshake goes
// on to the HTTPS server; one that opens in plain HTTP (someone typed http://) gets a redirect to
// the same address over https and nothing else.
import http from 'node:http';
import type https from 'node:https';
import type { Socket } from 'node:net';

// A TLS connection opens with a handshake record: content type 22.
const TLS_HANDSHAKE = 0x16;
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Puts a look at the first byte in front of the HTTPS server's own connection handling. The
 * HTTPS server keeps listening itself, so Node's header timeouts go on applying to it.
 */
export function redirectPlainHttp(secure: https.Server, { headersTimeoutMs }: { headersTimeoutMs: number }): void {
  const redirect = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!SAFE_HOST.test(host)) res.writeHead(400, { 'content-type': 'text/plain', connection: 'close' });
    else res.writeHead(308, { location: `https://${host}${req.url ?? '/'}`, 'content-type': 'text/plain', connection: 'close' });
    res.end('This server speaks HTTPS only.\n');
  });
  const tlsHandlers = secure.listeners('connection') as ((socket: Socket) => void)[];
  secure.removeAllListeners('connection');
  secure.on('connection', (socket: Socket) => {
    // A client that connects and says nothing is dropped like one that never sends its headers;
    // on the redirect path (one answer, then closed) the limit stays for the whole connection.
    socket.setTimeout(headersTimeoutMs, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (first === null) return void socket.destroy();
      socket.unshift(first);
      if (first[0] !== TLS_HANDSHAKE) return void redirect.emit('connection', socket);
      socket.setTimeout(0);
      for (const handle of tlsHandlers) handle.call(secure, socket);
    });
  });
}
