// Bounded XDR (RFC 4506) reader over a Uint8Array. Every read checks what is
// left before it touches memory; lengths are checked against their declared
// maximum and against the bytes left before anything is allocated.
import { ProtocolError } from '../errors.js';

const utf8 = new TextDecoder('utf-8');

/** n rounded up to a multiple of 4, in plain arithmetic: `(n + 3) & ~3` wraps past 2^31. */
const padded4 = (n: number): number => n + ((4 - (n % 4)) % 4);

export class XdrReader {
  private readonly view: DataView;
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    offset = 0,
    private readonly end = buf.length,
  ) {
    if (offset < 0 || end > buf.length || offset > end) throw new ProtocolError('xdr: bad reader bounds');
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = offset;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      throw new ProtocolError(`xdr: truncated ${what}: need ${n} bytes at offset ${this.pos}, have ${this.end - this.pos}`);
    }
  }

  int(): number {
    this.need(4, 'int');
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  uint(): number {
    this.need(4, 'unsigned int');
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  hyper(): bigint {
    this.need(8, 'hyper');
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return v;
  }

  uhyper(): bigint {
    this.need(8, 'unsigned hyper');
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    return v;
  }

  float(): number {
    this.need(4, 'float');
    const v = this.view.getFloat32(this.pos);
    this.pos += 4;
    return v;
  }

  double(): number {
    this.need(8, 'double');
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }

  bool(): boolean {
    const v = this.int();
    if (v !== 0 && v !== 1) throw new ProtocolError(`xdr: bad bool ${v} at offset ${this.pos - 4}`);
    return v === 1;
  }

  /** An enum value, checked against the set the .x file declares. */
  enumValue<T extends number>(allowed: ReadonlySet<number>, what: string): T {
    const v = this.int();
    if (!allowed.has(v)) throw new ProtocolError(`xdr: ${v} is not a value of ${what}`);
    return v as T;
  }

  /** Fixed-length opaque: n bytes plus padding. Returns a copy, safe to keep. */
  opaqueFixed(n: number): Uint8Array {
    const padded = padded4(n);
    this.need(padded, 'fixed opaque');
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += padded;
    return out;
  }

  /** Variable-length opaque: the length is checked against max and the bytes left first. */
  opaque(max: number = Number.MAX_SAFE_INTEGER): Uint8Array {
    const len = this.uint();
    if (len > max) throw new ProtocolError(`xdr: opaque of ${len} bytes exceeds its limit ${max}`);
    return this.opaqueFixed(len);
  }

  string(max: number = Number.MAX_SAFE_INTEGER): string {
    const len = this.uint();
    if (len > max) throw new ProtocolError(`xdr: string of ${len} bytes exceeds its limit ${max}`);
    const padded = padded4(len);
    this.need(padded, 'string');
    const s = utf8.decode(this.buf.subarray(this.pos, this.pos + len));
    this.pos += padded;
    return s;
  }

  /** Variable-length array. Every XDR item takes at least 4 bytes, which bounds the count. */
  array<T>(max: number, item: (r: XdrReader) => T): T[] {
    const n = this.uint();
    if (n > max) throw new ProtocolError(`xdr: array of ${n} items exceeds its limit ${max}`);
    this.need(n * 4, 'array');
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item(this);
    return out;
  }

  fixedArray<T>(n: number, item: (r: XdrReader) => T): T[] {
    this.need(n * 4, 'fixed array');
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item(this);
    return out;
  }

  /** XDR optional-data (`type *name`): a bool, then the value when true. */
  optional<T>(item: (r: XdrReader) => T): T | null {
    return this.bool() ? item(this) : null;
  }

  /** The rest of the buffer, uninterpreted (stream data). */
  rest(): Uint8Array {
    const out = this.buf.subarray(this.pos, this.end);
    this.pos = this.end;
    return out;
  }

  /** Asserts the payload was consumed exactly: trailing bytes mean a codec mismatch. */
  done(what: string): void {
    if (this.pos !== this.end) {
      throw new ProtocolError(`xdr: ${this.end - this.pos} trailing bytes after ${what}`);
    }
  }
}
