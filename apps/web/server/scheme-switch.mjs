// @ts-check
// One port for both schemes, as Cockpit does: a connection that opens with a TLS handshake goes
// to the HTTPS server; one that opens in plain HTTP (someone typed http://) gets a redirect to the
// same address over https and nothing else.
import http from 'node:http';
import net from 'node:net';

// A TLS connection opens with a handshake record: content type 22.
const TLS_HANDSHAKE = 0x16;
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * @param {net.Server} secure the HTTPS server (not listening itself: it is handed connections)
 * @param {{ headersTimeoutMs: number }} opts
 */
export function schemeSwitch(secure, { headersTimeoutMs }) {
  const redirect = http.createServer({ headersTimeout: headersTimeoutMs, requestTimeout: headersTimeoutMs }, (req, res) => {
    const host = req.headers.host ?? '';
    if (!SAFE_HOST.test(host)) {
      res.writeHead(400, { 'content-type': 'text/plain', connection: 'close' });
      return void res.end('This server speaks HTTPS only.\n');
    }
    res.writeHead(308, { location: `https://${host}${req.url ?? '/'}`, 'content-type': 'text/plain', connection: 'close' });
    res.end('This server speaks HTTPS only.\n');
  });
  /** @type {Set<net.Socket>} */
  const sockets = new Set();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A client that connects and says nothing is dropped like one that never sends its headers.
    socket.setTimeout(headersTimeoutMs, () => socket.destroy());
    socket.once('readable', () => {
      const first = socket.read(1);
      if (first === null) return void socket.destroy();
      socket.setTimeout(0);
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? secure : redirect).emit('connection', socket);
    });
    socket.on('error', () => socket.destroy());
  });
  return Object.assign(front, {
    /** Ends every open connection (tests, shutdown). */
    closeAllConnections() {
      for (const s of sockets) s.destroy();
    },
  });
}
