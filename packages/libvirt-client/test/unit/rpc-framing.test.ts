import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/errors.js';
import { FrameDecoder, MessageStatus, MessageType, PACKET_HEADER_SIZE, PACKET_MAX, encodePacket, encodeRawPacket, payloadReader } from '../../src/rpc/framing.js';
import type { PacketHeader } from '../../src/rpc/framing.js';
import { VIR_NET_MESSAGE_MAX, VirNetMessageType } from '../../src/gen/virnet.gen.js';
import type { XdrCodec } from '../../src/xdr/index.js';

const h: PacketHeader = { program: 0x20008086, version: 1, procedure: 157, type: MessageType.CALL, serial: 7, status: MessageStatus.OK };
const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at);
const lengthWord = (n: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
};

describe('framing', () => {
  it('the length word counts itself and the 24-byte header', () => {
    const empty = encodeRawPacket(h);
    expect(empty.length).toBe(28);
    expect(u32(empty, 0)).toBe(28);
    const withInt = encodePacket(h, { encode: (w, v: number) => void w.int(v), decode: (r) => r.int() }, 42);
    expect(u32(withInt, 0)).toBe(32);
    expect([4, 8, 12, 16, 20, 24].map((o) => u32(withInt, o))).toEqual([0x20008086, 1, 157, 0, 7, 0]);
  });

  it('reassembles packets delivered one byte at a time, and many packets in one chunk', () => {
    const a = encodeRawPacket({ ...h, serial: 1 }, new Uint8Array([1, 2, 3, 4]));
    const b = encodeRawPacket({ ...h, serial: 2, type: MessageType.REPLY });
    const c = encodeRawPacket({ ...h, serial: 3, status: MessageStatus.CONTINUE }, new Uint8Array(1000).fill(9));
    const all = new Uint8Array([...a, ...b, ...c]);

    const d1 = new FrameDecoder();
    const got1 = [];
    for (const byte of all) got1.push(...d1.push(new Uint8Array([byte])));
    expect(got1.map((p) => p.header.serial)).toEqual([1, 2, 3]);
    expect(Array.from(payloadReader(got1[0]!).rest())).toEqual([1, 2, 3, 4]);
    expect(got1[2]!.bytes.length).toBe(1028);
    expect(d1.pending).toBe(0);

    const d2 = new FrameDecoder();
    expect([...d2.push(all)].map((p) => p.header)).toEqual([
      { ...h, serial: 1 },
      { ...h, serial: 2, type: MessageType.REPLY },
      { ...h, serial: 3, status: MessageStatus.CONTINUE },
    ]);

    // Split at awkward places: inside the length word, inside the header, inside the payload.
    const d3 = new FrameDecoder();
    const cuts = [2, 30, 31, 70, all.length];
    const got3 = [];
    let from = 0;
    for (const to of cuts) {
      got3.push(...d3.push(all.subarray(from, to)));
      from = to;
    }
    expect(got3.map((p) => p.header.serial)).toEqual([1, 2, 3]);
  });

  it('refuses an oversize length word before buffering or allocating anything', () => {
    const d = new FrameDecoder();
    // Only the length word arrives: the decision is taken on it alone.
    expect(() => [...d.push(lengthWord(0xffff_fff0))]).toThrow(ProtocolError);
    expect(d.pending).toBe(0);
    expect(() => [...d.push(lengthWord(PACKET_MAX + 1))]).toThrow(ProtocolError); // poisoned
    const ok = new FrameDecoder();
    expect([...ok.push(lengthWord(PACKET_MAX))]).toEqual([]); // the largest libvirt accepts: MAX + 4
    expect(PACKET_MAX).toBe(VIR_NET_MESSAGE_MAX + 4);
    const over = new FrameDecoder();
    expect(() => [...over.push(lengthWord(PACKET_MAX + 1))]).toThrow(/exceeds the limit/);
  });

  it('refuses a length word smaller than the header', () => {
    for (const n of [0, 4, 27]) {
      const d = new FrameDecoder();
      expect(() => [...d.push(lengthWord(n))]).toThrow(/smaller than its header/);
    }
    expect([...new FrameDecoder().push(lengthWord(PACKET_HEADER_SIZE))]).toEqual([]);
  });

  it('refuses unknown message types and statuses, and stays failed afterwards', () => {
    const bad = encodeRawPacket(h);
    new DataView(bad.buffer).setInt32(16, 9);
    const d = new FrameDecoder();
    expect(() => [...d.push(bad)]).toThrow(/9 is not a value of virNetMessageType/);
    expect(() => [...d.push(encodeRawPacket(h))]).toThrow(ProtocolError);
    const badStatus = encodeRawPacket(h);
    new DataView(badStatus.buffer).setInt32(24, 3);
    expect(() => [...new FrameDecoder().push(badStatus)]).toThrow(/3 is not a value of virNetMessageStatus/);
  });

  it('refuses to encode a message past the limit, before allocating it', () => {
    const bytes: XdrCodec<Uint8Array> = { encode: (w, v) => void w.opaque(v), decode: (r) => r.opaque() };
    // Header (28) + length word of the opaque (4) + data: exactly PACKET_MAX fits.
    const fits = new Uint8Array(PACKET_MAX - 32);
    expect(encodePacket(h, bytes, fits).length).toBe(PACKET_MAX);
    expect(() => encodePacket(h, bytes, new Uint8Array(PACKET_MAX - 31))).toThrow(new RegExp(`message would exceed ${PACKET_MAX} bytes`));
    expect(() => encodeRawPacket(h, new Uint8Array(PACKET_MAX - PACKET_HEADER_SIZE + 1))).toThrow(ProtocolError);
  });

  it('the header enums are virnetprotocol.x’s, with the VIR_NET_ prefix dropped', () => {
    expect(MessageType).toEqual({ CALL: 0, REPLY: 1, MESSAGE: 2, STREAM: 3, CALL_WITH_FDS: 4, REPLY_WITH_FDS: 5, STREAM_HOLE: 6 });
    expect(MessageStatus).toEqual({ OK: 0, ERROR: 1, CONTINUE: 2 });
    expect(MessageType.STREAM_HOLE).toBe(VirNetMessageType.VIR_NET_STREAM_HOLE);
  });
});
