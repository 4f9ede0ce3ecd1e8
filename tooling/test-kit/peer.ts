// The second host of the multi-host and migration tests: scripts/libvirt-peer.sh's libvirtd in its
// own namespaces, reached over tcp, tls and ssh at a private address. peerHost() starts it if it
// is not running (the script is idempotent); when the script says it cannot run on this machine
// (exit status 3), the answer is the reason, for the tests to skip with.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './daemon.js';

export interface PeerHost {
  /** The peer's address in its private /30 (libvirtd tcp 16509, tls 16514, sshd 22). */
  addr: string;
  /** This machine's side of the veth pair. */
  hostAddr: string;
  hostname: string;
  /** The peer's unix socket as seen from here (for the tests' own checks, not for the BFF). */
  socket: string;
  sshKey: string;
  knownHosts: string;
  /** Where the peer's /var/lib/libvirt/images (its own, not shared) lies as seen from here. */
  imagesOutside: string;
  tcpUri: string;
  unixUri: string;
}

const SCRIPT = path.join(repoRoot, 'scripts/libvirt-peer.sh');

let cached: PeerHost | { skip: string } | undefined;

/** The running peer, or why it cannot run here. Once per process. */
export function peerHost(): PeerHost | { skip: string } {
  if (cached) return cached;
  const start = spawnSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' });
  if (start.status === 3) {
    const reason = start.stderr.trim().split('\n').pop() ?? 'libvirt-peer.sh cannot run here';
    return (cached = { skip: reason });
  }
  if (start.status !== 0) throw new Error(`scripts/libvirt-peer.sh start failed (${start.status}): ${start.stderr}`);
  const env = Object.fromEntries(
    execFileSync('bash', [SCRIPT, 'env'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  ) as Record<string, string>;
  const addr = env.LIBVIRT_PEER_ADDR!;
  return (cached = {
    addr,
    hostAddr: env.LIBVIRT_PEER_HOST_ADDR!,
    hostname: env.LIBVIRT_PEER_HOSTNAME!,
    socket: env.LIBVIRT_PEER_SOCKET!,
    sshKey: env.LIBVIRT_PEER_SSH_KEY!,
    knownHosts: env.LIBVIRT_PEER_KNOWN_HOSTS!,
    imagesOutside: env.LIBVIRT_PEER_IMAGES_OUTSIDE!,
    tcpUri: `qemu+tcp://${addr}/system`,
    unixUri: `qemu+unix:///system?socket=${env.LIBVIRT_PEER_SOCKET!}`,
  });
}

export const isPeer = (p: PeerHost | { skip: string }): p is PeerHost => !('skip' in p);

/** virsh against the peer (over its unix socket). */
export function peerVirsh(peer: PeerHost, ...args: string[]): string {
  return execFileSync('virsh', ['-q', '-c', peer.unixUri, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** virsh against the peer for cleanup: what is already gone is fine. */
export function peerVirshQuietly(peer: PeerHost, ...args: string[]): void {
  try {
    execFileSync('virsh', ['-q', '-c', peer.unixUri, ...args], { stdio: 'ignore' });
  } catch {
    // already gone
  }
}
