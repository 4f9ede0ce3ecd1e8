import { describe, expect, it } from 'vitest';
import { locatePkiFiles, SYSTEM_PKI } from '../../src/transport/pki.js';
import type { PkiEnv } from '../../src/transport/pki.js';

const env = (isRoot: boolean, files: string[]): PkiEnv => ({ isRoot, home: '/home/ann', exists: (f) => files.includes(f) });

describe('locatePkiFiles', () => {
  it('uses the system layout as root', () => {
    const all = [SYSTEM_PKI.ca, SYSTEM_PKI.cert, SYSTEM_PKI.key, '/home/ann/.pki/libvirt/cacert.pem'];
    const f = locatePkiFiles({}, env(true, all));
    expect(f.ca.path).toBe('/etc/pki/CA/cacert.pem');
    expect(f.cert.path).toBe('/etc/pki/libvirt/clientcert.pem');
    expect(f.key.path).toBe('/etc/pki/libvirt/private/clientkey.pem');
    expect(f.crl).toBeNull();
  });

  it('prefers ~/.pki/libvirt as non-root, falling back per file to the system layout', () => {
    const f = locatePkiFiles({}, env(false, ['/home/ann/.pki/libvirt/clientcert.pem', '/home/ann/.pki/libvirt/clientkey.pem', SYSTEM_PKI.ca]));
    expect(f.ca.path).toBe(SYSTEM_PKI.ca);
    expect(f.cert.path).toBe('/home/ann/.pki/libvirt/clientcert.pem');
    expect(f.key.path).toBe('/home/ann/.pki/libvirt/clientkey.pem');
  });

  it('lists every candidate when a file is missing', () => {
    const f = locatePkiFiles({}, env(false, []));
    expect(f.cert.path).toBeNull();
    expect(f.cert.candidates).toEqual(['/home/ann/.pki/libvirt/clientcert.pem', SYSTEM_PKI.cert]);
  });

  it('pkipath= replaces the layout entirely, with libvirt file names', () => {
    const f = locatePkiFiles({ pkiPath: '/p' }, env(true, ['/p/cacert.pem', '/p/clientcert.pem', SYSTEM_PKI.key, '/p/cacrl.pem']));
    expect(f.ca.path).toBe('/p/cacert.pem');
    expect(f.cert.path).toBe('/p/clientcert.pem');
    expect(f.key).toEqual({ path: null, candidates: ['/p/clientkey.pem'] });
    expect(f.crl).toBe('/p/cacrl.pem');
  });

  it('explicit files win over pkipath', () => {
    const f = locatePkiFiles({ pkiPath: '/p', certFile: '/c.pem' }, env(false, ['/p/clientcert.pem', '/c.pem']));
    expect(f.cert.path).toBe('/c.pem');
    const g = locatePkiFiles({ keyFile: '/missing.pem' }, env(false, []));
    expect(g.key).toEqual({ path: null, candidates: ['/missing.pem'] });
  });
});
