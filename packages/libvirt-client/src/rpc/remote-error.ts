// Decoding of `remote_error` (virNetMessageError in virnetprotocol.x), the payload of every
// REPLY or STREAM packet with status ERROR, into a typed LibvirtError.
import { LibvirtError, ProtocolError } from '../errors.js';
import { VirErrorDomain, VirErrorNumber } from '../gen/constants.gen.js';
import { VirNetMessageError } from '../gen/virnet.gen.js';
import type { XdrReader } from '../xdr/index.js';

export { VirNetMessageError };

/** The LibvirtError a `remote_error` payload stands for (code, domain, level from virterror.h). */
export function readLibvirtError(r: XdrReader): LibvirtError {
  const e = VirNetMessageError.decode(r);
  return new LibvirtError(e.message ?? `libvirt error ${e.code} (domain ${e.domain})`, e.code, e.domain, e.level, {
    str1: e.str1,
    str2: e.str2,
    str3: e.str3,
    int1: e.int1,
    int2: e.int2,
  });
}

const ENCODE_FAILED = 'Unable to encode message payload';

/**
 * What libvirt's C library reports when a call's arguments do not fit the protocol (a string
 * over REMOTE_STRING_MAX, a message over VIR_NET_MESSAGE_MAX): VIR_ERR_RPC from VIR_FROM_RPC,
 * with the same message and fields (checked against python3-libvirt). Other errors pass as
 * they are.
 */
export function encodeFailure(e: unknown): unknown {
  if (!(e instanceof ProtocolError)) return e;
  return new LibvirtError(ENCODE_FAILED, VirErrorNumber.ERR_RPC, VirErrorDomain.RPC, 2, { str1: '%s', str2: ENCODE_FAILED }, { cause: e });
}
