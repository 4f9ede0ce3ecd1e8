// Typed errors of the client. Callers test classes and codes, never message text.

/** Base class of every error this package throws. */
export class LibvirtClientError extends Error {
  override name = 'LibvirtClientError';
}

/** A packet or value that breaks the wire protocol (truncated, oversized, malformed). */
export class ProtocolError extends LibvirtClientError {
  override name = 'ProtocolError';
}

/** The transport failed or closed: every pending call is rejected with this. */
export class TransportError extends LibvirtClientError {
  override name = 'TransportError';
}

/** A call or a keepalive wait ran past its deadline. */
export class TimeoutError extends LibvirtClientError {
  override name = 'TimeoutError';
}

/** The daemon answered with `remote_error`: code and domain come from virterror.h. */
export class LibvirtError extends LibvirtClientError {
  override name = 'LibvirtError';
  constructor(
    message: string,
    readonly code: number,
    readonly domain: number,
    readonly level: number = 2,
  ) {
    super(message);
  }
}
