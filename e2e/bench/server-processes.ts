// Virtdeck's server-side processes, found from /proc by the ports they listen on, and their memory
// (VmRSS, what `ps` and the figures report). Only the node processes that serve count:
// pnpm, which the test harness starts them through, is not part of a deployment.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The inodes of the sockets listening on `port` (IPv4 and IPv6). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1]: local address:port (hex), f[3]: state (0A is LISTEN), f[9]: inode.
      if (f.length > 9 && f[3] === '0A' && parseInt(f[1]!.split(':').pop()!, 16) === port) inodes.add(f[9]!);
    }
  }
  return inodes;
}

/** The process that holds a socket listening on `port`. */
export function pidListeningOn(port: number): number {
  const inodes = listeningInodes(port);
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      } catch {
        // The fd closed meanwhile.
      }
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

export interface ServerProcess {
  name: string;
  pid: number;
  rssMiB: number;
}

export function rssMiB(pid: number): number {
  const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kib / 1024;
}

/** Each listed port's process once (one process may serve several ports), with its RSS. */
export function serverProcesses(ports: Record<string, number>): ServerProcess[] {
  const byPid = new Map<number, string[]>();
  for (const [name, port] of Object.entries(ports)) {
    const pid = pidListeningOn(port);
    byPid.set(pid, [...(byPid.get(pid) ?? []), name]);
  }
  return [...byPid].map(([pid, names]) => ({ name: names.join(' + '), pid, rssMiB: rssMiB(pid) }));
}
