// Decoding of `remote_error` (virNetMessageError in virnetprotocol.x), the payload of every
// REPLY or STREAM packet with status ERROR, into a typed LibvirtError.
import { LibvirtError } from '../errors.js';
import { VirNetMessageError } from '../gen/virnet.gen.js';
import type { XdrReader } from '../xdr/index.js';

export { VirNetMessageError };

/** The LibvirtError a `remote_error` payload stands for (code, domain, level from virterror.h). */
export function readLibvirtError(r: XdrReader): LibvirtError {
  const e = VirNetMessageError.decode(r);
  return new LibvirtError(e.message ?? `libvirt error ${e.code} (domain ${e.domain})`, e.code, e.domain, e.level);
}
