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

/**
 * The extra fields of a libvirt error (virError's str1-str3, int1-int2): what the error's
 * format was filled with, e.g. str1 'Domain not found: %s' and str2 the detail. Unset strings
 * are null, unset ints -1, as libvirt reports them.
 */
export interface LibvirtErrorDetails {
  str1: string | null;
  str2: string | null;
  str3: string | null;
  int1: number;
  int2: number;
}

const NO_DETAILS: LibvirtErrorDetails = { str1: null, str2: null, str3: null, int1: -1, int2: -1 };

/**
 * The daemon answered with `remote_error`, or the client refused a call the way libvirt's C
 * library does (code and domain from virterror.h, e.g. VIR_ERR_RPC for an oversize argument).
 */
export class LibvirtError extends LibvirtClientError {
  override name = 'LibvirtError';
  readonly str1: string | null;
  readonly str2: string | null;
  readonly str3: string | null;
  readonly int1: number;
  readonly int2: number;
  constructor(
    message: string,
    readonly code: number,
    readonly domain: number,
    readonly level: number = 2,
    details: Partial<LibvirtErrorDetails> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    const d = { ...NO_DETAILS, ...details };
    this.str1 = d.str1;
    this.str2 = d.str2;
    this.str3 = d.str3;
    this.int1 = d.int1;
    this.int2 = d.int2;
  }

  /** str1-str3 and int1-int2, e.g. to copy them onto a rewrapped error. */
  get details(): LibvirtErrorDetails {
    return { str1: this.str1, str2: this.str2, str3: this.str3, int1: this.int1, int2: this.int2 };
  }
}
