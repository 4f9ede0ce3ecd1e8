// qemu+tls://: TCP to port 16514, TLS with x509 client certificates, then libvirt's own
// confirmation: once the daemon has checked our certificate (and our address against its
// tls_allowed_dn_list) it sends one byte, 0x01, before any RPC; if it refuses us it closes the
// socket instead (virNetServerClientCheckAccess / virNetClientSetTLSSession).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { TransportError } from '../errors.js';
import { locatePkiFiles } from './pki.js';
import type { PkiEnv, PkiFile } from './pki.js';
import type { Transport, TlsTransportOptions } from './transport.js';

const CONFIRMATION_BYTE = 0x01;
/** Connect, handshake and confirmation together, unless the caller says otherwise. */
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

export interface TlsConnectOptions extends TlsTransportOptions {
  /** Deadline for TCP connect, TLS handshake and the daemon's confirmation (default 20 s). */
  connectTimeoutMs?: number;
}

function defaultPkiEnv(): PkiEnv {
  return { isRoot: process.geteuid?.() === 0, home: os.homedir(), exists: existsSync };
}

async function readPem(what: string, file: PkiFile): Promise<Buffer> {
  if (!file.path) throw new TransportError(`tls: no ${what} found: looked for ${file.candidates.join(', ')}`);
  try {
    return await readFile(file.path);
  } catch (err) {
    throw new TransportError(`tls: cannot read ${what} ${file.path}: ${(err as Error).message}`, { cause: err });
  }
}

interface Credentials {
  ca?: Buffer;
  cert: Buffer;
  key: Buffer;
  crl?: Buffer;
}

async function loadCredentials(o: TlsTransportOptions, env: PkiEnv): Promise<Credentials> {
  const files = locatePkiFiles(o, env);
  // Without verification the CA certificate is not needed; it is still used if it is there.
  const ca = o.verify || files.ca.path ? await readPem('CA certificate', files.ca) : undefined;
  const cert = await readPem('client certificate', files.cert);
  const key = await readPem('client key', files.key);
  const crl = files.crl ? await readPem('CA revocation list', { path: files.crl, candidates: [files.crl] }) : undefined;
  return { ca, cert, key, crl };
}

/** Waits for the daemon's confirmation byte without consuming anything after it. */
function awaitConfirmation(socket: tls.TLSSocket, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = (reason: string): void => {
      cleanup();
      socket.destroy();
      reject(
        new TransportError(
          `tls: ${where} closed the connection after the handshake (${reason}): ` +
            'the daemon did not accept our client certificate or our address',
        ),
      );
    };
    const onReadable = (): void => {
      const b = socket.read(1) as Buffer | null;
      if (b === null) return;
      cleanup();
      if (b[0] === CONFIRMATION_BYTE) resolve();
      else refused(`got byte 0x${b[0]!.toString(16)} instead of the confirmation`);
    };
    const onEnd = (): void => refused('end of stream');
    const onError = (err: Error): void => {
      if (err instanceof TransportError) {
        cleanup();
        reject(err);
      } else refused(err.message);
    };
    const cleanup = (): void => {
      socket.off('readable', onReadable);
      socket.off('end', onEnd);
      socket.off('error', onError);
    };
    socket.on('readable', onReadable);
    socket.once('end', onEnd);
    socket.once('error', onError);
  });
}

/** Resolves once the TLS handshake is done (server certificate checked when verify is on). */
function secureConnect(socket: tls.TLSSocket, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let connected = false;
    const onConnect = (): void => {
      connected = true;
    };
    const onError = (err: Error): void => {
      socket.off('connect', onConnect);
      socket.off('secureConnect', onSecure);
      socket.destroy();
      if (err instanceof TransportError) return reject(err);
      const code = (err as NodeJS.ErrnoException).code;
      const detail = code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
      const what = connected ? `handshake with ${where} failed` : `cannot connect to ${where}`;
      reject(new TransportError(`tls: ${what}: ${detail}`, { cause: err }));
    };
    const onSecure = (): void => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
      resolve();
    };
    socket.once('connect', onConnect);
    socket.once('secureConnect', onSecure);
    socket.once('error', onError);
  });
}

export function createTlsTransport(o: TlsConnectOptions, env: PkiEnv = defaultPkiEnv()): Transport {
  const where = `${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;
  const description = `tls:${where}`;
  const aborted = (signal: AbortSignal): TransportError =>
    new TransportError(`${description}: connect aborted`, { cause: signal.reason });
  return {
    description,
    async connect(signal?: AbortSignal): Promise<Duplex> {
      if (signal?.aborted) throw aborted(signal);
      const creds = await loadCredentials(o, env);
      if (signal?.aborted) throw aborted(signal);
      const socket = tls.connect({
        host: o.host,
        port: o.port,
        // SNI only for names; Node checks the certificate against the host (name or IP) itself.
        servername: isIP(o.host) ? undefined : o.host,
        ca: creds.ca,
        cert: creds.cert,
        key: creds.key,
        crl: creds.crl,
        rejectUnauthorized: o.verify,
      });
      const onAbort = (): void => {
        socket.destroy(aborted(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const timeoutMs = o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
      const timer = setTimeout(
        () => socket.destroy(new TransportError(`${description}: not connected within ${timeoutMs} ms`)),
        timeoutMs,
      );
      try {
        await secureConnect(socket, where);
        await awaitConfirmation(socket, where);
        socket.setNoDelay(true);
        return socket;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
