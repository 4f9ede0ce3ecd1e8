// x509 files for the TLS tests, made at test time in a temp dir with openssl: a client
// certificate signed by the sandbox CA (the daemon accepts it), one signed by a stranger CA (the
// daemon refuses it), and that stranger CA (our side then refuses the daemon).
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { daemon } from './daemon.js';

const run = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';

export interface TestPki {
  /** A libvirt pkipath: cacert.pem (the sandbox CA), clientcert.pem, clientkey.pem. */
  dir: string;
  cacert: string;
  clientcert: string;
  clientkey: string;
  /** A CA the daemon's certificate is not signed by. */
  strangerCacert: string;
  /** A client certificate and key signed by the stranger CA. */
  strangerClientcert: string;
  strangerClientkey: string;
  remove(): Promise<void>;
}

async function openssl(cwd: string, ...args: string[]): Promise<void> {
  await run(OPENSSL, args, { cwd });
}

async function clientCert(cwd: string, prefix: string, caCert: string, caKey: string): Promise<void> {
  await openssl(cwd, 'req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=vdtest-${prefix}`, '-keyout', `${prefix}key.pem`, '-out', `${prefix}.csr`);
  await writeFile(path.join(cwd, `${prefix}.ext`), 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n');
  // -set_serial instead of -CAcreateserial: nothing is written beside the sandbox CA.
  await openssl(cwd, 'x509', '-req', '-in', `${prefix}.csr`, '-CA', caCert, '-CAkey', caKey,
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '1', '-extfile', `${prefix}.ext`, '-out', `${prefix}cert.pem`);
  await rm(path.join(cwd, `${prefix}.csr`));
  await rm(path.join(cwd, `${prefix}.ext`));
}

/** The sandbox daemon's private CA (scripts/libvirt-sandbox.sh makes it). */
export const sandboxPki = {
  dir: path.join(daemon.state, 'libvirt/pki'),
  get cacert(): string {
    return path.join(this.dir, 'cacert.pem');
  },
  get cakey(): string {
    return path.join(this.dir, 'cakey.pem');
  },
};

export async function makeTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vdtest-pki-'));
  try {
    await copyFile(sandboxPki.cacert, path.join(dir, 'cacert.pem'));
    await clientCert(dir, 'client', sandboxPki.cacert, sandboxPki.cakey);
    await openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=vdtest stranger CA',
      '-keyout', 'stranger-cakey.pem', '-out', 'stranger-cacert.pem');
    await clientCert(dir, 'stranger-client', path.join(dir, 'stranger-cacert.pem'), path.join(dir, 'stranger-cakey.pem'));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    cacert: path.join(dir, 'cacert.pem'),
    clientcert: path.join(dir, 'clientcert.pem'),
    clientkey: path.join(dir, 'clientkey.pem'),
    strangerCacert: path.join(dir, 'stranger-cacert.pem'),
    strangerClientcert: path.join(dir, 'stranger-clientcert.pem'),
    strangerClientkey: path.join(dir, 'stranger-clientkey.pem'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
