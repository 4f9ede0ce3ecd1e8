// What a failed connection says to people. A daemon's own message can quote what it read (the
// test driver quoted the first line of /etc/passwd when asked to open it as a node file), so a
// libvirt error is summarised by its code; the client's own transport errors say what went
// wrong at our end and are kept, to their first line.
import { LibvirtError, TimeoutError, TransportError, VirErrorNumber } from '@virtdeck/libvirt-client';
import { UriPolicyError } from './uri-policy.js';

const CODE_NAMES = new Map<number, string>(Object.entries(VirErrorNumber).map(([name, code]) => [code, name.replace(/^ERR_/, '')]));

const PLAIN: Partial<Record<number, string>> = {
  [VirErrorNumber.ERR_AUTH_FAILED]: 'authentication failed',
  [VirErrorNumber.ERR_AUTH_CANCELLED]: 'authentication was cancelled',
  [VirErrorNumber.ERR_AUTH_UNAVAILABLE]: 'no usable authentication method',
  [VirErrorNumber.ERR_OPERATION_DENIED]: 'access denied',
  [VirErrorNumber.ERR_NO_CONNECT]: 'the daemon has no driver for this URI',
  [VirErrorNumber.ERR_XML_ERROR]: 'the daemon could not read the driver\'s XML',
  [VirErrorNumber.ERR_XML_DETAIL]: 'the daemon could not read the driver\'s XML',
  [VirErrorNumber.ERR_SYSTEM_ERROR]: 'a system call failed on the daemon',
};

const firstLine = (s: string) => (s.split('\n')[0] ?? '').slice(0, 300);

/** One line for a failed connect, never a quote of what the daemon read. */
export function connectErrorSummary(err: unknown): string {
  if (err instanceof UriPolicyError) return err.message;
  if (err instanceof LibvirtError) {
    const name = CODE_NAMES.get(err.code) ?? String(err.code);
    return `the daemon refused the connection: ${PLAIN[err.code] ?? 'libvirt error'} (${name})`;
  }
  if (err instanceof TransportError || err instanceof TimeoutError) return firstLine(err.message);
  return 'the connection failed (protocol error)';
}
