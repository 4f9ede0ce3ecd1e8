// Decoding of `remote_error` (virNetMessageError in virnetprotocol.x), the payload of every
// REPLY or STREAM packet with status ERROR, into a typed LibvirtError.
//
// TEMPORARY: decoded by hand until src/gen (the generator's VirNetMessageError codec) lands;
// then `decodeRemoteError` becomes `VirNetMessageError.decode(r)` and this file shrinks.
import { LibvirtError } from '../errors.js';
import { VIR_NET_MESSAGE_STRING_MAX } from '../xdr/index.js';
import type { XdrReader } from '../xdr/index.js';

const VIR_UUID_BUFLEN = 16;

export interface RemoteError {
  code: number;
  domain: number;
  message: string | null;
  level: number;
  str1: string | null;
  str2: string | null;
  str3: string | null;
  int1: number;
  int2: number;
}

const str = (r: XdrReader): string => r.string(VIR_NET_MESSAGE_STRING_MAX);

export function decodeRemoteError(r: XdrReader): RemoteError {
  const code = r.int();
  const domain = r.int();
  const message = r.optional(str);
  const level = r.int();
  r.optional((r) => (str(r), r.opaqueFixed(VIR_UUID_BUFLEN), r.int())); // dom, unused
  const str1 = r.optional(str);
  const str2 = r.optional(str);
  const str3 = r.optional(str);
  const int1 = r.int();
  const int2 = r.int();
  r.optional((r) => (str(r), r.opaqueFixed(VIR_UUID_BUFLEN))); // net, unused
  return { code, domain, message, level, str1, str2, str3, int1, int2 };
}

/** The LibvirtError a `remote_error` payload stands for. */
export function readLibvirtError(r: XdrReader): LibvirtError {
  const e = decodeRemoteError(r);
  return new LibvirtError(e.message ?? `libvirt error ${e.code} (domain ${e.domain})`, e.code, e.domain, e.level);
}
