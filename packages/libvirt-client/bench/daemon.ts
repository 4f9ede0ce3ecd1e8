// The daemon's side of each run: libvirtd's own CPU time (user + system, all its threads), read
// from /proc/<pid>/stat before and after a run of either client. On this bench the daemon, not
// the client, bounds the throughput figures (every call passes through libvirtd's single
// event-loop thread), so its CPU per call says more about a throughput gap than the client's.
// Read around the whole run of each side (connect, 200 warm-up calls, the timed calls, close),
// identically for TS and C: the C side is another process whose timed part we cannot bracket.
// Also counted around each run: the machine's cross-CPU wakeups (reschedule and function-call
// IPIs in /proc/interrupts), the cost that sets the daemon's CPU per call apart between the two
// clients here (see run.ts). Machine-wide, so other load adds to it; rounds are paired.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

let clockTicks = 0;

/** libvirtd's pid, from the pid file next to its socket; null when it cannot be read. */
export function daemonPid(socket: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(path.dirname(socket), 'libvirtd.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && daemonCpuUs(pid) !== null ? pid : null;
  } catch {
    return null;
  }
}

/** CPU time (µs) the process has used so far: utime + stime, fields 14 and 15 of /proc/<pid>/stat. */
export function daemonCpuUs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (clockTicks === 0) clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(f[11]) + Number(f[12])) * 1e6) / clockTicks;
  } catch {
    return null;
  }
}

/** Reschedule + function-call interrupts (IPIs) of every CPU so far; null when not readable. */
export function ipiCount(): number | null {
  try {
    let n = 0;
    for (const line of readFileSync('/proc/interrupts', 'utf8').split('\n')) {
      const m = /^\s*(RES|CAL):\s+(.*)$/.exec(line);
      if (!m) continue;
      for (const f of m[2]!.trim().split(/\s+/)) {
        if (!/^\d+$/.test(f)) break;
        n += Number(f);
      }
    }
    return n;
  } catch {
    return null;
  }
}
