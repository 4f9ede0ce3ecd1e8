// Which libvirt URIs a host may have. A URI can name files: the test driver's node file (read by
// the daemon, as root), and the keyfile=, known_hosts= and pkipath= of the ssh and tls transports
// (read by the BFF). Each must lie in the folder configured for it, or the URI is refused before
// anything is read; `name=` (which would replace the name the daemon opens) is refused outright.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { parseLibvirtUri, type LibvirtUri } from '@virtdeck/libvirt-client';

export interface UriPolicy {
  /** VIRTDECK_TEST_NODE_DIR: the only folder test-driver node files may come from. */
  testNodeDir: string | null;
  /** VIRTDECK_HOST_KEY_DIR: the only folder key, known_hosts and PKI files may come from. */
  keyDir: string | null;
}

/** A URI the policy refuses; the message names the parameter and the setting that allows it. */
export class UriPolicyError extends Error {
  override readonly name = 'UriPolicyError';
}

/** The real path when the file exists here (symbolic links followed), else the normalised one. */
function resolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.posix.resolve(p);
  }
}

function inside(dir: string, file: string): boolean {
  const root = resolved(dir);
  const real = resolved(file);
  return real.startsWith(root.endsWith('/') ? root : `${root}/`);
}

function checkTestNode(u: LibvirtUri, policy: UriPolicy): void {
  if (u.path === '/default') return;
  if (policy.testNodeDir === null) {
    throw new UriPolicyError('the test driver opens only /default here (set VIRTDECK_TEST_NODE_DIR to allow node files from one folder)');
  }
  if (!u.path.endsWith('.xml') || !inside(policy.testNodeDir, u.path)) {
    throw new UriPolicyError(`the test driver reads only .xml node files in ${policy.testNodeDir} (VIRTDECK_TEST_NODE_DIR)`);
  }
}

const FILE_PARAMS = [
  ['keyfile', (u: LibvirtUri) => u.remote.keyfile],
  ['known_hosts', (u: LibvirtUri) => u.remote.knownHosts],
  ['pkipath', (u: LibvirtUri) => u.remote.pkipath],
] as const;

/** Throws UriPolicyError unless `uri` is one this BFF may connect to. */
export function checkHostUri(uri: string, policy: UriPolicy): void {
  let u: LibvirtUri;
  try {
    u = parseLibvirtUri(uri);
  } catch {
    throw new UriPolicyError('not a libvirt URI: driver[+transport]://[user@][host][:port]/path[?param=value]');
  }
  if (u.remote.name !== undefined) throw new UriPolicyError('the name= parameter is not allowed: put the name in the URI itself');
  if (u.driver === 'test') checkTestNode(u, policy);
  for (const [param, get] of FILE_PARAMS) {
    const file = get(u);
    if (file === undefined) continue;
    if (policy.keyDir === null) throw new UriPolicyError(`${param}= is not allowed here (set VIRTDECK_HOST_KEY_DIR to allow files from one folder)`);
    if (!path.posix.isAbsolute(file) || !inside(policy.keyDir, file)) {
      throw new UriPolicyError(`${param}= must name a file in ${policy.keyDir} (VIRTDECK_HOST_KEY_DIR)`);
    }
  }
}

export function uriPolicyOf(config: { VIRTDECK_TEST_NODE_DIR?: string | undefined; VIRTDECK_HOST_KEY_DIR?: string | undefined }): UriPolicy {
  return { testNodeDir: config.VIRTDECK_TEST_NODE_DIR ?? null, keyDir: config.VIRTDECK_HOST_KEY_DIR ?? null };
}
