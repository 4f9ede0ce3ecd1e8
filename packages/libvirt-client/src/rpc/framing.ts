// Packet framing of libvirt's RPC protocol (virnetprotocol.x): a big-endian u32 length word
// that counts itself, a 24-byte header of six 32-bit fields, then the payload.
// The length word is checked before anything is buffered or allocated for the packet, and an
// encoded packet is capped at the same size: the message size limit lives here, not in xdr/.
import { ProtocolError } from '../errors.js';
import {
  VIR_NET_MESSAGE_HEADER_MAX,
  VIR_NET_MESSAGE_LEN_MAX,
  VIR_NET_MESSAGE_MAX,
  VirNetMessageStatus,
  VirNetMessageStatusCodec,
  VirNetMessageType,
  VirNetMessageTypeCodec,
} from '../gen/virnet.gen.js';
import { XdrReader, XdrWriter } from '../xdr/index.js';
import type { XdrCodec } from '../xdr/index.js';
import { withoutPrefix } from './enum-names.js';

/** virNetMessageType, generated from virnetprotocol.x: `MessageType.CALL` is VIR_NET_CALL. */
export const MessageType = withoutPrefix(VirNetMessageType, 'VIR_NET_');
export type MessageType = VirNetMessageType;

/** virNetMessageStatus, generated from virnetprotocol.x: `MessageStatus.OK` is VIR_NET_OK. */
export const MessageStatus = withoutPrefix(VirNetMessageStatus, 'VIR_NET_');
export type MessageStatus = VirNetMessageStatus;

/** Length word plus header: the smallest packet there is. */
export const PACKET_HEADER_SIZE = VIR_NET_MESSAGE_LEN_MAX + VIR_NET_MESSAGE_HEADER_MAX;
/**
 * The largest length word accepted. libvirt (virNetMessageDecodeLength) subtracts the length
 * word itself and then compares with VIR_NET_MESSAGE_MAX, so the word may be MAX + 4.
 */
export const PACKET_MAX = VIR_NET_MESSAGE_MAX + VIR_NET_MESSAGE_LEN_MAX;

export interface PacketHeader {
  program: number;
  version: number;
  procedure: number;
  type: MessageType;
  serial: number;
  status: MessageStatus;
}

export interface Packet {
  header: PacketHeader;
  /** The whole packet; the payload is `bytes[PACKET_HEADER_SIZE..]`. */
  bytes: Uint8Array;
}

/** A reader positioned on the payload of a packet. */
export function payloadReader(p: Packet): XdrReader {
  return new XdrReader(p.bytes, PACKET_HEADER_SIZE);
}

/** The payload bytes of a packet (a view, no copy). */
export function payloadBytes(p: Packet): Uint8Array {
  return p.bytes.subarray(PACKET_HEADER_SIZE);
}

/** Checks a length word as libvirt does, before anything is read or allocated. */
export function checkLength(len: number): void {
  if (len < PACKET_HEADER_SIZE) throw new ProtocolError(`rpc: packet length ${len} is smaller than its header (${PACKET_HEADER_SIZE})`);
  if (len > PACKET_MAX) throw new ProtocolError(`rpc: packet length ${len} exceeds the limit ${PACKET_MAX}`);
}

export function decodeHeader(bytes: Uint8Array): PacketHeader {
  const r = new XdrReader(bytes, VIR_NET_MESSAGE_LEN_MAX, PACKET_HEADER_SIZE);
  // The generated enum codecs refuse a type or status virnetprotocol.x does not declare.
  const program = r.uint();
  const version = r.uint();
  const procedure = r.int();
  const type = VirNetMessageTypeCodec.decode(r);
  const serial = r.uint();
  const status = VirNetMessageStatusCodec.decode(r);
  return { program, version, procedure, type, serial, status };
}

function writeHeader(w: XdrWriter, h: PacketHeader): void {
  w.uint(0); // length, patched below
  w.uint(h.program).uint(h.version).int(h.procedure).int(h.type).uint(h.serial).int(h.status);
}

/** Encodes a packet whose payload is one XDR value. */
export function encodePacket<T>(h: PacketHeader, codec: XdrCodec<T>, value: T): Uint8Array {
  const w = new XdrWriter(256, PACKET_MAX);
  writeHeader(w, h);
  codec.encode(w, value);
  w.patchUint(0, w.length);
  return w.bytes();
}

/** Encodes a packet whose payload is raw bytes (stream data, or empty). */
export function encodeRawPacket(h: PacketHeader, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const len = PACKET_HEADER_SIZE + data.length;
  if (len > PACKET_MAX) throw new ProtocolError(`rpc: message of ${len} bytes exceeds ${PACKET_MAX}`);
  const out = new Uint8Array(len);
  const v = new DataView(out.buffer);
  v.setUint32(0, len);
  v.setUint32(4, h.program);
  v.setUint32(8, h.version);
  v.setInt32(12, h.procedure);
  v.setInt32(16, h.type);
  v.setUint32(20, h.serial);
  v.setInt32(24, h.status);
  out.set(data, PACKET_HEADER_SIZE);
  return out;
}

/**
 * Cuts a byte stream into packets. Fed arbitrary chunks; yields each complete packet once.
 * After a ProtocolError the decoder is poisoned: the stream cannot be resynchronised, and
 * the owner must close the connection.
 */
export class FrameDecoder {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** Length word of the packet being assembled, once known and checked. */
  private need = -1;
  private failed: ProtocolError | null = null;

  /** Bytes held for an incomplete packet. */
  get pending(): number {
    return this.buffered;
  }

  *push(chunk: Uint8Array): Generator<Packet> {
    if (this.failed) throw this.failed;
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      for (;;) {
        if (this.need < 0) {
          if (this.buffered < VIR_NET_MESSAGE_LEN_MAX) return;
          const len = this.peekLength();
          checkLength(len);
          this.need = len;
        }
        if (this.buffered < this.need) return;
        const bytes = this.take(this.need);
        this.need = -1;
        yield { header: decodeHeader(bytes), bytes };
      }
    } catch (e) {
      this.failed = e instanceof ProtocolError ? e : new ProtocolError(`rpc: bad frame: ${String(e)}`);
      this.chunks = [];
      this.buffered = 0;
      throw this.failed;
    }
  }

  private peekLength(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return new DataView(first.buffer, first.byteOffset, 4).getUint32(0);
    const four = new Uint8Array(4);
    let got = 0;
    for (const c of this.chunks) {
      const n = Math.min(4 - got, c.length);
      four.set(c.subarray(0, n), got);
      got += n;
      if (got === 4) break;
    }
    return new DataView(four.buffer).getUint32(0);
  }

  /** Removes the first n buffered bytes as one contiguous array (no copy when possible). */
  private take(n: number): Uint8Array {
    const first = this.chunks[0]!;
    if (first.length >= n) {
      // Copy so the packet does not pin a large socket chunk, unless it is the whole chunk.
      const out = first.length === n ? first : new Uint8Array(first.subarray(0, n));
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return out;
    }
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const c = this.chunks[0]!;
      const k = Math.min(n - got, c.length);
      out.set(c.subarray(0, k), got);
      got += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.buffered -= n;
    return out;
  }
}
