// The command run on the far end of qemu+ssh://, following libvirt's remote driver
// (virNetClientSSHHelperCommand in src/rpc/virnetclient.c):
//   proxy=native  virt-ssh-helper URI       libvirt's own proxy; it picks the daemon's socket from
//                                           the URI itself (and ignores `socket=`)
//   proxy=netcat  nc [-q0] -U SOCKET         -q0 only for a netcat that has -q (Debian's), so it
//                                           exits once we close our side
//   proxy=auto    virt-ssh-helper when the far end has it, else netcat; a `netcat=` given in the
//                 URI means netcat (as in libvirt), and so does a `socket=` (unlike libvirt, which
//                 would run virt-ssh-helper and silently use the default socket instead)
// sshd hands the command to the user's login shell, so the whole script is quoted once for that
// shell and each value once more inside the script.
import { TransportError } from '../errors.js';

export type SshProxy = 'auto' | 'native' | 'netcat';

export interface RemoteCommandOptions {
  proxy: SshProxy;
  /** libvirt's `netcat=`; defaults to `nc`. */
  netcat?: string;
  /** The daemon's socket for netcat; defaults to libvirt's /var/run/libvirt/libvirt-sock. */
  remoteSocket?: string;
  /** The URI virt-ssh-helper opens, e.g. qemu:///system. */
  helperUri: string;
}

/** libvirt's default for ssh: the legacy libvirtd socket, under /var/run which every host has. */
export const DEFAULT_REMOTE_SOCKET = '/var/run/libvirt/libvirt-sock';

const SAFE = /^[A-Za-z0-9_\-+=.,:/@%]+$/;

/** Quotes a value for a POSIX shell: left alone when it is plainly safe, else single-quoted. */
export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function netcatScript(nc: string, socket: string): string {
  const q = shellQuote(nc);
  return (
    `if ${q} -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0; else ARG=; fi; ` +
    `exec ${q} $ARG -U ${shellQuote(socket)}`
  );
}

function helperScript(uri: string): string {
  return `exec virt-ssh-helper ${shellQuote(uri)}`;
}

/** The script the remote `sh -c` runs (exported for tests). */
export function remoteScript(o: RemoteCommandOptions): string {
  const proxy = o.proxy === 'auto' && (o.netcat !== undefined || o.remoteSocket !== undefined) ? 'netcat' : o.proxy;
  const nc = netcatScript(o.netcat ?? 'nc', o.remoteSocket ?? DEFAULT_REMOTE_SOCKET);
  switch (proxy) {
    case 'native':
      if (o.netcat !== undefined) throw new TransportError('ssh: a netcat path is not valid with proxy=native');
      return helperScript(o.helperUri);
    case 'netcat':
      return nc;
    case 'auto':
      return `if command -v virt-ssh-helper >/dev/null 2>&1; then ${helperScript(o.helperUri)}; else ${nc}; fi`;
  }
}

/** The exec request's command line: `sh -c '<script>'`. */
export function remoteCommand(o: RemoteCommandOptions): string {
  return `sh -c ${shellQuote(remoteScript(o))}`;
}
