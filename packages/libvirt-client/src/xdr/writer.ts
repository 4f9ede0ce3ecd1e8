// Growable XDR (RFC 4506) writer. Limits declared in the .x files are enforced
// on encode too, so the client never sends what the daemon would refuse. The size of a whole
// message is the caller's limit (rpc/framing.ts passes libvirt's), refused before it is allocated.
import { ProtocolError } from '../errors.js';

const utf8 = new TextEncoder();
const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const UINT32_MAX = 0xffff_ffff;

/** n rounded up to a multiple of 4, in plain arithmetic: `(n + 3) & ~3` wraps past 2^31. */
const padded4 = (n: number): number => n + ((4 - (n % 4)) % 4);

export class XdrWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(
    initial = 256,
    /** Bytes this writer may hold; growing past them throws ProtocolError. */
    readonly maxBytes: number = Number.MAX_SAFE_INTEGER,
  ) {
    this.buf = new Uint8Array(Math.min(initial, maxBytes));
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.pos;
  }

  private reserve(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    if (need > this.maxBytes) throw new ProtocolError(`xdr: message would exceed ${this.maxBytes} bytes`);
    let size = Math.max(this.buf.length * 2, 4);
    while (size < need) size *= 2;
    size = Math.min(size, this.maxBytes);
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  int(v: number): this {
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) throw new ProtocolError(`xdr: ${v} is not an int`);
    this.reserve(4);
    this.view.setInt32(this.pos, v);
    this.pos += 4;
    return this;
  }

  uint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > UINT32_MAX) throw new ProtocolError(`xdr: ${v} is not an unsigned int`);
    this.reserve(4);
    this.view.setUint32(this.pos, v);
    this.pos += 4;
    return this;
  }

  hyper(v: bigint): this {
    this.reserve(8);
    this.view.setBigInt64(this.pos, BigInt.asIntN(64, v));
    this.pos += 8;
    return this;
  }

  uhyper(v: bigint): this {
    this.reserve(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, v));
    this.pos += 8;
    return this;
  }

  float(v: number): this {
    this.reserve(4);
    this.view.setFloat32(this.pos, v);
    this.pos += 4;
    return this;
  }

  double(v: number): this {
    this.reserve(8);
    this.view.setFloat64(this.pos, v);
    this.pos += 8;
    return this;
  }

  bool(v: boolean): this {
    return this.int(v ? 1 : 0);
  }

  opaqueFixed(bytes: Uint8Array, n: number = bytes.length): this {
    if (bytes.length !== n) throw new ProtocolError(`xdr: fixed opaque needs ${n} bytes, got ${bytes.length}`);
    const padded = padded4(n);
    this.reserve(padded);
    this.buf.set(bytes, this.pos);
    this.buf.fill(0, this.pos + n, this.pos + padded);
    this.pos += padded;
    return this;
  }

  opaque(bytes: Uint8Array, max: number = UINT32_MAX): this {
    if (bytes.length > max) throw new ProtocolError(`xdr: opaque of ${bytes.length} bytes exceeds its limit ${max}`);
    this.uint(bytes.length);
    return this.opaqueFixed(bytes);
  }

  string(s: string, max: number = UINT32_MAX): this {
    const bytes = utf8.encode(s);
    if (bytes.length > max) throw new ProtocolError(`xdr: string of ${bytes.length} bytes exceeds its limit ${max}`);
    this.uint(bytes.length);
    return this.opaqueFixed(bytes);
  }

  array<T>(items: readonly T[], max: number, item: (w: XdrWriter, v: T) => void): this {
    if (items.length > max) throw new ProtocolError(`xdr: array of ${items.length} items exceeds its limit ${max}`);
    this.uint(items.length);
    for (const v of items) item(this, v);
    return this;
  }

  fixedArray<T>(items: readonly T[], n: number, item: (w: XdrWriter, v: T) => void): this {
    if (items.length !== n) throw new ProtocolError(`xdr: fixed array needs ${n} items, got ${items.length}`);
    for (const v of items) item(this, v);
    return this;
  }

  optional<T>(v: T | null | undefined, item: (w: XdrWriter, v: T) => void): this {
    if (v === null || v === undefined) return this.bool(false);
    this.bool(true);
    item(this, v);
    return this;
  }

  /** Raw bytes with no length or padding (stream data). */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  /** Overwrites a big-endian u32 already written (the packet length word). */
  patchUint(at: number, v: number): void {
    this.view.setUint32(at, v);
  }

  /** The written bytes (a view: copy if the writer is reused). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
