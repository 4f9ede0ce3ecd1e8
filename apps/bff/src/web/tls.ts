// The web server's certificate: the admin's files, or a self-signed one made by openssl on the
// first start and kept in the data folder (as Cockpit does for its port), then reused.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StartRefused, type TlsSource } from './web-config.js';

export interface LoadedTls {
  cert: Buffer;
  key: Buffer;
  certFile: string;
  generated: boolean;
  fingerprint: string;
  names: string[];
}

export function loadTls(source: TlsSource, bindHost: string): LoadedTls {
  if (source.kind === 'files') {
    const cert = readOrRefuse(source.certFile, 'VIRTDECK_TLS_CERT');
    const key = readOrRefuse(source.keyFile, 'VIRTDECK_TLS_KEY');
    const x509 = parseOrRefuse(cert, source.certFile);
    return { cert, key, certFile: source.certFile, generated: false, fingerprint: x509.fingerprint256, names: subjectNames(x509) };
  }
  return selfSigned(source.dir, bindHost);
}

/** The self-signed certificate in `dir`, made now if missing or expired. */
export function selfSigned(dir: string, bindHost: string): LoadedTls {
  const certFile = path.join(dir, 'web.crt');
  const keyFile = path.join(dir, 'web.key');
  let generated = false;
  if (!existsSync(certFile) || !existsSync(keyFile) || expired(readFileSync(certFile))) {
    generate(dir, certFile, keyFile, certificateNames(bindHost));
    generated = true;
  }
  const cert = readFileSync(certFile);
  const x509 = new X509Certificate(cert);
  return { cert, key: readFileSync(keyFile), certFile, generated, fingerprint: x509.fingerprint256, names: subjectNames(x509) };
}

/**
 * The names a browser may use to reach this server: localhost, the machine's name, the bound
 * address and, when bound to every address, each of the machine's own addresses.
 */
export function certificateNames(bindHost: string): string[] {
  const names = new Set(['DNS:localhost', 'IP:127.0.0.1', 'IP:::1', `DNS:${os.hostname()}`]);
  const host = bindHost.replace(/^\[|\]$/g, '');
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard) names.add(net.isIP(host) ? `IP:${host}` : `DNS:${host}`);
  else {
    for (const addrs of Object.values(os.networkInterfaces())) {
      for (const a of addrs ?? []) if (!a.internal && !a.address.startsWith('fe80:')) names.add(`IP:${a.address}`);
    }
  }
  return [...names];
}

function generate(dir: string, certFile: string, keyFile: string, names: string[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written beside the final files, then renamed: a start that dies halfway leaves no half pair.
  const work = mkdtempSync(path.join(dir, '.new-'));
  try {
    const cn = (names.find((n) => n.startsWith('DNS:') && n !== 'DNS:localhost') ?? 'DNS:localhost').slice(4);
    try {
      execFileSync(
        'openssl',
        [
          'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
          '-days', '825', '-subj', `/O=Virtdeck/CN=${cn}`,
          '-addext', `subjectAltName=${names.join(',')}`,
          '-addext', 'extendedKeyUsage=serverAuth',
          '-keyout', path.join(work, 'web.key'), '-out', path.join(work, 'web.crt'),
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (e) {
      const why = e instanceof Error && 'code' in e && e.code === 'ENOENT' ? 'openssl is not installed (apt-get install openssl)' : String(e);
      throw new StartRefused(`cannot make a self-signed certificate in ${dir}: ${why}. Or give your own: VIRTDECK_TLS_CERT and VIRTDECK_TLS_KEY.`);
    }
    chmodSync(path.join(work, 'web.key'), 0o600);
    renameSync(path.join(work, 'web.key'), keyFile);
    renameSync(path.join(work, 'web.crt'), certFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function expired(pem: Buffer): boolean {
  try {
    return new Date(new X509Certificate(pem).validTo).getTime() <= Date.now();
  } catch {
    return true;
  }
}

function subjectNames(x509: X509Certificate): string[] {
  return (x509.subjectAltName ?? '').split(', ').filter(Boolean);
}

function readOrRefuse(file: string, variable: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new StartRefused(`${variable}: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseOrRefuse(pem: Buffer, file: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new StartRefused(`VIRTDECK_TLS_CERT: ${file} is not a PEM certificate`);
  }
}
