// Where libvirt's TLS client looks for its x509 files (virnettlscontext.c), as a pure function:
//   pkipath=DIR            DIR/cacert.pem, DIR/clientcert.pem, DIR/clientkey.pem (nothing else)
//   root                   /etc/pki/CA/cacert.pem, /etc/pki/libvirt/clientcert.pem,
//                          /etc/pki/libvirt/private/clientkey.pem
//   anyone else            ~/.pki/libvirt/{cacert,clientcert,clientkey}.pem, each file falling
//                          back to the root location when it is missing there
// An explicit caFile/certFile/keyFile wins over all of these.
import path from 'node:path';

export interface PkiFile {
  /** The file to use, or null when none of the candidates exists. */
  path: string | null;
  /** Every path that was considered, in order: for the error when none exists. */
  candidates: string[];
}

export interface PkiFiles {
  ca: PkiFile;
  cert: PkiFile;
  key: PkiFile;
  /** cacrl.pem of the same layout, used when it exists (libvirt does the same). */
  crl: string | null;
}

export interface PkiLookup {
  pkiPath?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

export interface PkiEnv {
  isRoot: boolean;
  home: string;
  exists(file: string): boolean;
}

export const SYSTEM_PKI = {
  ca: '/etc/pki/CA/cacert.pem',
  cert: '/etc/pki/libvirt/clientcert.pem',
  key: '/etc/pki/libvirt/private/clientkey.pem',
  crl: '/etc/pki/CA/cacrl.pem',
} as const;

const FILE_NAMES = { ca: 'cacert.pem', cert: 'clientcert.pem', key: 'clientkey.pem', crl: 'cacrl.pem' } as const;

type Role = keyof typeof FILE_NAMES;

function candidatesFor(role: Role, o: PkiLookup, env: PkiEnv): string[] {
  if (o.pkiPath) return [path.join(o.pkiPath, FILE_NAMES[role])];
  if (env.isRoot) return [SYSTEM_PKI[role]];
  return [path.join(env.home, '.pki/libvirt', FILE_NAMES[role]), SYSTEM_PKI[role]];
}

function pick(role: Exclude<Role, 'crl'>, explicit: string | undefined, o: PkiLookup, env: PkiEnv): PkiFile {
  const candidates = explicit ? [explicit] : candidatesFor(role, o, env);
  return { path: candidates.find((c) => env.exists(c)) ?? null, candidates };
}

export function locatePkiFiles(o: PkiLookup, env: PkiEnv): PkiFiles {
  // An explicit CA file comes without a revocation list: nothing is guessed beside it.
  const crl = o.caFile ? null : (candidatesFor('crl', o, env).find((c) => env.exists(c)) ?? null);
  return {
    ca: pick('ca', o.caFile, o, env),
    cert: pick('cert', o.certFile, o, env),
    key: pick('key', o.keyFile, o, env),
    crl,
  };
}
