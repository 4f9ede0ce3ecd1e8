// The TLS transport against the sandbox libvirtd on 127.0.0.1:16514 (server certificate for
// IP:127.0.0.1 and DNS:localhost from the sandbox CA; client certificates required).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/client.js';
import { TransportError } from '../../src/errors.js';
import { formatVersion } from '../../src/facade/version.js';
import { remoteProcedures } from '../../src/gen/index.js';
import { createTlsTransport } from '../../src/transport/tls.js';
import type { TlsTransportOptions } from '../../src/transport/transport.js';
import { makeTestPki, sandboxPki } from './certs.js';
import type { TestPki } from './certs.js';
import { libvirtVersion } from './libvirt-version.js';
import { startSilentServer } from './silent-server.js';
import { REMOTE_PROC_AUTH_LIST, REMOTE_PROGRAM, closeStream, probeAuthList } from './rpc-probe.js';

const TLS_PORT = Number(process.env.LIBVIRT_TLS_PORT ?? 16514);
const haveSandboxCa = existsSync(sandboxPki.cakey);

describe.skipIf(!haveSandboxCa)('tls transport', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await makeTestPki();
  });
  afterAll(async () => {
    await pki?.remove();
    expect(existsSync(pki.dir)).toBe(false);
  });

  const opts = (o: Partial<TlsTransportOptions>): TlsTransportOptions => ({ host: '127.0.0.1', port: TLS_PORT, verify: true, ...o });

  async function roundTrip(o: TlsTransportOptions): Promise<void> {
    const stream = await createTlsTransport(o).connect();
    try {
      const reply = await probeAuthList(stream);
      expect(reply).toMatchObject({ program: REMOTE_PROGRAM, version: 1, procedure: REMOTE_PROC_AUTH_LIST, type: 1, serial: 1, status: 0 });
      expect(reply.authTypes).toContain(0); // REMOTE_AUTH_NONE: auth_tls defaults to none
    } finally {
      await closeStream(stream);
    }
  }

  it('opens a connection from a qemu+tls:// URI and calls CONNECT_GET_LIB_VERSION', async () => {
    const conn = await openConnection(`qemu+tls://127.0.0.1:${TLS_PORT}/system?pkipath=${encodeURIComponent(pki.dir)}`);
    try {
      const { lib_ver } = await conn.call(remoteProcedures.connectGetLibVersion, undefined);
      expect(formatVersion(lib_ver)).toBe(await libvirtVersion());
    } finally {
      await conn.close();
    }
  });

  it('does an RPC round trip with pkipath= (libvirt file names)', async () => {
    await roundTrip(opts({ pkiPath: pki.dir }));
  });

  it('does an RPC round trip with explicit files and the DNS name of the certificate', async () => {
    await roundTrip(opts({ host: 'localhost', caFile: pki.cacert, certFile: pki.clientcert, keyFile: pki.clientkey }));
  });

  it('refuses a daemon whose certificate is not signed by our CA', async () => {
    const t = createTlsTransport(opts({ pkiPath: pki.dir, caFile: pki.strangerCacert }));
    const err = await t.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/handshake with 127\.0\.0\.1:\d+ failed/);
  });

  it('refuses a daemon whose certificate does not name the host we asked for', async () => {
    // 127.1 reaches 127.0.0.1, but the certificate names IP:127.0.0.1 and DNS:localhost only.
    const err = await createTlsTransport(opts({ host: '127.1', pkiPath: pki.dir }))
      .connect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('accepts that daemon with verify=false (no_verify=1)', async () => {
    await roundTrip(opts({ pkiPath: pki.dir, caFile: pki.strangerCacert, verify: false }));
  });

  it('names the client certificate path it looked for when it is missing', async () => {
    const missing = path.join(pki.dir, 'nope/clientcert.pem');
    const err = await createTlsTransport(opts({ pkiPath: pki.dir, certFile: missing }))
      .connect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toContain(missing);
  });

  it('names the pkipath files it looked for', async () => {
    const empty = path.join(pki.dir, 'empty');
    const err = await createTlsTransport(opts({ pkiPath: empty }))
      .connect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toContain(path.join(empty, 'cacert.pem'));
  });

  it('reports the daemon refusing a client certificate from another CA', async () => {
    const t = createTlsTransport(opts({ caFile: pki.cacert, certFile: pki.strangerClientcert, keyFile: pki.strangerClientkey }));
    const err = await t.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/client certificate/);
  });

  it('rejects with TransportError when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await createTlsTransport(opts({ pkiPath: pki.dir }))
      .connect(ac.signal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
  });

  it('gives up after connectTimeoutMs when the far end never answers', async () => {
    const silent = await startSilentServer();
    try {
      const err = await createTlsTransport({ ...opts({ pkiPath: pki.dir, port: silent.port }), connectTimeoutMs: 300 })
        .connect()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as Error).message).toMatch(/not connected within 300 ms/);
    } finally {
      await silent.close();
    }
  });
});
