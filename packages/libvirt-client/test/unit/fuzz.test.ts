// Fuzzing of the receive path: FrameDecoder (src/rpc/framing.ts), then the payload codec the
// engine would pick for each packet's (program, procedure, type, status). Valid packets are
// built from the generated tables (REPLY with ret codecs, MESSAGE with msg codecs, CALL with
// args codecs, STREAM data/end/error/hole, error replies with VirNetMessageError, keepalive),
// then mutated; random bytes are fed too. Only the package's own error classes may escape, and
// memory must not grow with the number of inputs. The work is a count of inputs, never a time
// budget: how long it takes says nothing about the code on a loaded machine (a hang still fails,
// at the test's timeout).
//
// Deterministic: every input is derived from (seed, case index). On a failure the report names
// both; replay one input with FUZZ_SEED=<seed> FUZZ_CASE=<index>. FUZZ_CASES changes the count.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LibvirtClientError, ProtocolError } from '../../src/errors.js';
import {
  FrameDecoder,
  MessageStatus,
  MessageType,
  PACKET_HEADER_SIZE,
  PACKET_MAX,
  encodePacket,
  encodeRawPacket,
  payloadBytes,
  payloadReader,
} from '../../src/rpc/framing.js';
import type { Packet, PacketHeader } from '../../src/rpc/framing.js';
import { readLibvirtError } from '../../src/rpc/remote-error.js';
import {
  VirNetMessageError,
  keepaliveMessages,
  lxcMessages,
  lxcProcedures,
  qemuMessages,
  qemuProcedures,
  remoteMessages,
  remoteProcedures,
} from '../../src/gen/index.js';
import { XdrReader, XdrWriter } from '../../src/xdr/index.js';
import type { MessageDef, ProcedureDef, XdrCodec } from '../../src/xdr/index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2026) >>> 0;
const CASES = Number(process.env.FUZZ_CASES ?? 120_000);
const ONLY_CASE = process.env.FUZZ_CASE === undefined ? null : Number(process.env.FUZZ_CASE);

// --- deterministic randomness ---------------------------------------------------------------

/** sfc32: small, fast, good enough for fuzzing, and reproducible from a 32-bit seed. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number, stream = 0) {
    this.a = seed >>> 0;
    this.b = (stream * 0x9e37_79b9) >>> 0;
    this.c = 0x1234_5678 ^ stream;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** 0 <= n < max */
  below(max: number): number {
    return max <= 1 ? 0 : this.u32() % max;
  }
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }
}

// --- the tables the engine routes by ---------------------------------------------------------

type AnyProc = ProcedureDef<unknown, unknown>;
type AnyMsg = MessageDef<unknown>;
const procList: AnyProc[] = [remoteProcedures, qemuProcedures, lxcProcedures].flatMap((t) => Object.values<AnyProc>(t));
const msgList: AnyMsg[] = [remoteMessages, qemuMessages, lxcMessages, keepaliveMessages].flatMap((t) => Object.values<AnyMsg>(t));
const key = (program: number, procedure: number): string => `${program}:${procedure}`;
const procs = new Map(procList.map((p) => [key(p.program, p.procedure), p]));
const msgs = new Map(msgList.map((m) => [key(m.program, m.procedure), m]));
const programs = [...new Set([...procList, ...msgList].map((p) => p.program))];
const procNumbers = [...new Set([...procList, ...msgList].map((p) => p.procedure))];
const KEEPALIVE_PROGRAM = keepaliveMessages.ping.program;

/** Errors the receive path may legitimately throw: the package's own classes only. */
function isPackageError(e: unknown): boolean {
  // FrameDecoder wraps whatever it catches into ProtocolError("rpc: bad frame: ..."): a wrapped
  // TypeError or RangeError is a crash all the same.
  return e instanceof LibvirtClientError && !/bad frame: (TypeError|RangeError|Error)\b/.test(e.message);
}

/**
 * Decodes one packet the way RpcConnection.dispatch does (decodeReply for REPLY, the
 * subscription's msg codec for MESSAGE, stream data/end/error/hole for STREAM). CALL packets,
 * which the engine ignores, are decoded with the args codec for coverage. A LibvirtError from
 * an error payload is returned, not thrown: the payload decoded.
 */
function decodeLikeEngine(p: Packet): unknown {
  const h = p.header;
  switch (h.type) {
    case MessageType.REPLY:
    case MessageType.REPLY_WITH_FDS: {
      const proc = procs.get(key(h.program, h.procedure));
      if (!proc) return undefined; // the engine routes by serial: no pending call, dropped
      if (h.type === MessageType.REPLY_WITH_FDS) throw new ProtocolError('rpc: replies carrying file descriptors are not supported');
      const r = payloadReader(p);
      if (h.status === MessageStatus.ERROR) return decodeError(p);
      if (h.status !== MessageStatus.OK) throw new ProtocolError(`${proc.name}: reply with status ${h.status}`);
      const v = proc.ret.decode(r);
      r.done(`${proc.name} reply`);
      return v;
    }
    case MessageType.STREAM:
    case MessageType.STREAM_HOLE: {
      if (h.type === MessageType.STREAM_HOLE) return payloadReader(p).hyper();
      if (h.status === MessageStatus.CONTINUE) return payloadBytes(p);
      if (h.status === MessageStatus.OK) return undefined;
      return decodeError(p);
    }
    case MessageType.MESSAGE: {
      if (h.program === KEEPALIVE_PROGRAM) return undefined;
      const def = msgs.get(key(h.program, h.procedure));
      if (!def) return undefined;
      const r = payloadReader(p);
      const v = def.msg.decode(r);
      r.done(def.name);
      return v;
    }
    default: {
      const proc = procs.get(key(h.program, h.procedure));
      if (!proc) return undefined;
      const r = payloadReader(p);
      const v = proc.args.decode(r);
      r.done(`${proc.name} args`);
      return v;
    }
  }
}

/**
 * An error payload through both decoders: the hand-written one the engine uses today
 * (rpc/remote-error.ts) and the generated VirNetMessageError that replaces it. They must agree.
 */
function decodeError(p: Packet): unknown {
  let hand: ReturnType<typeof readLibvirtError> | null = null;
  let handErr: unknown = null;
  try {
    hand = readLibvirtError(payloadReader(p));
  } catch (e) {
    handErr = e;
  }
  let generated: VirNetMessageError | null = null;
  try {
    generated = VirNetMessageError.decode(payloadReader(p));
  } catch (e) {
    if (!isPackageError(e)) throw e;
    if (handErr === null) throw new Error('remote_error decoders disagree: generated threw, hand-written did not', { cause: e });
  }
  if (handErr !== null) {
    if (generated !== null) throw new Error('remote_error decoders disagree: hand-written threw, generated did not', { cause: handErr });
    throw handErr;
  }
  if (hand!.code !== generated!.code || hand!.domain !== generated!.domain) throw new Error('remote_error decoders disagree on code/domain');
  return hand;
}

// --- valid packets ---------------------------------------------------------------------------

/**
 * A reader that reads nothing: it invents each value a codec asks for (small numbers, declared
 * enum values, short strings and arrays). Running a generated decode over it yields a random
 * well-typed value of that type, which the codec's encode turns into valid bytes.
 */
class ValueSynth extends XdrReader {
  private budget = 64;
  constructor(private readonly rng: Rng) {
    super(new Uint8Array(0));
  }
  override get remaining(): number {
    return 1 << 30;
  }
  private small(): number {
    return this.rng.below(9);
  }
  override int(): number {
    const r = this.rng;
    return r.chance(0.7) ? this.small() : r.chance(0.5) ? -1 - r.below(3) : r.u32() | 0;
  }
  override uint(): number {
    return this.rng.chance(0.7) ? this.small() : this.rng.u32();
  }
  override hyper(): bigint {
    return BigInt.asIntN(64, (BigInt(this.rng.u32()) << 32n) | BigInt(this.rng.u32()));
  }
  override uhyper(): bigint {
    return (BigInt(this.rng.u32()) << 32n) | BigInt(this.rng.u32());
  }
  override float(): number {
    return Math.fround((this.rng.u32() - 2 ** 31) / 1024);
  }
  override double(): number {
    return (this.rng.u32() - 2 ** 31) / 3;
  }
  override bool(): boolean {
    return this.rng.chance(0.5);
  }
  override enumValue<T extends number>(allowed: ReadonlySet<number>): T {
    return this.rng.pick([...allowed]) as T;
  }
  override opaqueFixed(n: number): Uint8Array {
    return this.rng.bytes(n);
  }
  override opaque(max: number = Number.MAX_SAFE_INTEGER): Uint8Array {
    return this.rng.bytes(Math.min(max, this.rng.below(20)));
  }
  override string(max: number = Number.MAX_SAFE_INTEGER): string {
    const n = Math.min(max, this.rng.below(24));
    let s = '';
    for (let i = 0; i < n; i++) s += this.rng.pick(['a', 'Z', '0', ' ', '<', '/', 'é', '中', '😀', 'x', '-']);
    // Multi-byte characters may overshoot the byte limit: trim to it.
    while (new TextEncoder().encode(s).length > max) s = s.slice(0, -1);
    return s;
  }
  override array<T>(max: number, item: (r: XdrReader) => T): T[] {
    const n = this.budget > 0 ? Math.min(max, this.rng.below(4)) : 0;
    this.budget -= n;
    return Array.from({ length: n }, () => item(this));
  }
  override fixedArray<T>(n: number, item: (r: XdrReader) => T): T[] {
    return Array.from({ length: n }, () => item(this));
  }
  override optional<T>(item: (r: XdrReader) => T): T | null {
    return this.rng.chance(0.6) ? item(this) : null;
  }
  override rest(): Uint8Array {
    return this.rng.bytes(this.rng.below(16));
  }
  override done(): void {}
}

/** A random valid value of a codec's type, or null if the codec refused every attempt. */
function synth<T>(codec: XdrCodec<T>, rng: Rng): T | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return codec.decode(new ValueSynth(rng));
    } catch (e) {
      // A union discriminant the synthesizer guessed wrong: try again.
      if (!(e instanceof ProtocolError)) throw e;
    }
  }
  return null;
}

interface Sample {
  what: string;
  bytes: Uint8Array;
}

function header(def: { program: number; version: number; procedure: number }, type: MessageType, serial: number, status: MessageStatus): PacketHeader {
  return { program: def.program, version: def.version, procedure: def.procedure, type, serial, status };
}

/** Valid packets of every kind: the corpus the mutations start from. */
function buildCorpus(rng: Rng): Sample[] {
  const out: Sample[] = [];
  const add = <T>(what: string, h: PacketHeader, codec: XdrCodec<T>): void => {
    const v = synth(codec, rng);
    if (v !== null) out.push({ what, bytes: encodePacket(h, codec, v) });
  };
  let serial = 1;
  for (const p of procList) {
    for (let i = 0; i < 2; i++) {
      add(`${p.name} reply`, header(p, MessageType.REPLY, serial++, MessageStatus.OK), p.ret);
      add(`${p.name} call`, header(p, MessageType.CALL, serial++, MessageStatus.OK), p.args);
    }
    add(`${p.name} error reply`, header(p, MessageType.REPLY, serial++, MessageStatus.ERROR), VirNetMessageError);
    if (p.stream !== 'none') {
      const s = serial++;
      out.push({ what: `${p.name} stream data`, bytes: encodeRawPacket(header(p, MessageType.STREAM, s, MessageStatus.CONTINUE), rng.bytes(rng.below(300))) });
      out.push({ what: `${p.name} stream end`, bytes: encodeRawPacket(header(p, MessageType.STREAM, s, MessageStatus.OK)) });
      add(`${p.name} stream error`, header(p, MessageType.STREAM, s, MessageStatus.ERROR), VirNetMessageError);
      const hole = new XdrWriter(16).hyper(BigInt(rng.u32()) * 4096n).uint(0).bytes();
      out.push({ what: `${p.name} stream hole`, bytes: encodeRawPacket(header(p, MessageType.STREAM_HOLE, s, MessageStatus.CONTINUE), hole) });
    }
  }
  for (const m of msgList) {
    for (let i = 0; i < 3; i++) add(`${m.name} message`, header(m, MessageType.MESSAGE, 0, MessageStatus.OK), m.msg);
  }
  return out;
}

// --- mutations -------------------------------------------------------------------------------

const INTERESTING_U32 = [
  0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x1_0000, 16_384, 16_385, 65_536, 262_120, 0x3f_ffff, 0x40_0000, 0x40_0001,
  PACKET_MAX - 1, PACKET_MAX, PACKET_MAX + 1, 0x7fff_ffff, 0x8000_0000, 0xffff_fffe, 0xffff_ffff,
];

const setU32 = (b: Uint8Array, at: number, v: number): void => new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(at, v >>> 0);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
/** Makes the length word match the bytes again, so the mutation reaches the payload codec. */
const fixLength = (b: Uint8Array): Uint8Array => {
  if (b.length >= 4) setU32(b, 0, b.length);
  return b;
};

type Mutation = (b: Uint8Array, rng: Rng, corpus: readonly Sample[]) => Uint8Array;

const mutations: Record<string, Mutation> = {
  bitFlips: (b, rng) => {
    const out = b.slice();
    const n = 1 + rng.below(8);
    for (let i = 0; i < n && out.length; i++) out[rng.below(out.length)]! ^= 1 << rng.below(8);
    return out;
  },
  truncate: (b, rng) => b.slice(0, rng.below(b.length)),
  truncateFixed: (b, rng) => fixLength(b.slice(0, PACKET_HEADER_SIZE + rng.below(Math.max(1, b.length - PACKET_HEADER_SIZE)))),
  lengthWord: (b, rng) => {
    const out = b.slice();
    if (out.length < 4) return out;
    setU32(out, 0, rng.pick([0, 1, 4, 27, 28, 29, b.length - 1, b.length + 1, b.length + 4, PACKET_MAX, PACKET_MAX + 1, 0x7fff_ffff, 0xffff_ffff, rng.u32()]));
    return out;
  },
  interestingWord: (b, rng) => {
    const out = b.slice();
    if (out.length < 8) return out;
    const at = rng.chance(0.8) ? 4 * (1 + rng.below((out.length >> 2) - 1)) : 4 + rng.below(out.length - 7);
    setU32(out, at, rng.chance(0.9) ? rng.pick(INTERESTING_U32) : rng.u32());
    return out;
  },
  header: (b, rng) => {
    const out = b.slice();
    if (out.length < PACKET_HEADER_SIZE) return out;
    const field = rng.below(6);
    const v =
      field === 0 ? (rng.chance(0.8) ? rng.pick(programs) : rng.u32())
      : field === 2 ? (rng.chance(0.8) ? rng.pick(procNumbers) : rng.u32())
      : field === 3 || field === 5 ? (rng.chance(0.9) ? rng.below(8) : rng.u32())
      : rng.u32();
    setU32(out, 4 + 4 * field, v);
    return out;
  },
  insert: (b, rng) => {
    const at = rng.below(b.length + 1);
    const out = concat(b.subarray(0, at), rng.bytes(1 + rng.below(16)), b.subarray(at));
    return rng.chance(0.5) ? fixLength(out) : out;
  },
  remove: (b, rng) => {
    const at = rng.below(b.length);
    const out = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + rng.below(16))));
    return rng.chance(0.5) ? fixLength(out) : out;
  },
  splice: (b, rng, corpus) => {
    const other = rng.pick(corpus).bytes;
    const out = concat(b.subarray(0, rng.below(b.length + 1)), other.subarray(rng.below(other.length + 1)));
    return rng.chance(0.5) ? fixLength(out) : out;
  },
  fill: (b, rng) => {
    const out = b.slice();
    if (out.length <= PACKET_HEADER_SIZE) return out;
    const from = PACKET_HEADER_SIZE + rng.below(out.length - PACKET_HEADER_SIZE);
    out.fill(rng.pick([0, 0xff, rng.u32() & 0xff]), from, from + 1 + rng.below(64));
    return out;
  },
  randomPayload: (b, rng) => fixLength(concat(b.subarray(0, PACKET_HEADER_SIZE), rng.bytes(rng.below(200)))),
};
const mutationNames = Object.keys(mutations);

/** One fuzz input: a byte stream of one to three packets, mutated, or random bytes. */
function makeInput(rng: Rng, corpus: readonly Sample[]): { stream: Uint8Array; what: string; frames: number } {
  const kind = rng.below(20);
  if (kind === 0) return { stream: rng.bytes(rng.below(400)), what: 'random bytes', frames: 1 };
  if (kind === 1) {
    // Random bytes behind a plausible length word.
    const n = PACKET_HEADER_SIZE + rng.below(300);
    return { stream: fixLength(rng.bytes(n)), what: 'random bytes, valid length word', frames: 1 };
  }
  const parts: Uint8Array[] = [];
  const names: string[] = [];
  const count = rng.chance(0.8) ? 1 : 2 + rng.below(2);
  for (let i = 0; i < count; i++) {
    const s = rng.pick(corpus);
    let b = s.bytes;
    const applied: string[] = [];
    if (!rng.chance(0.1)) {
      const n = 1 + rng.below(3);
      for (let j = 0; j < n; j++) {
        const m = rng.pick(mutationNames);
        b = mutations[m]!(b, rng, corpus);
        applied.push(m);
      }
    }
    parts.push(b);
    names.push(`${s.what}${applied.length ? ` [${applied.join(', ')}]` : ''}`);
  }
  return { stream: concat(...parts), what: names.join(' + '), frames: count };
}

/** Cuts a stream into chunks as a socket might: whole, byte by byte, or at random places. */
function chunks(stream: Uint8Array, rng: Rng): Uint8Array[] {
  const mode = rng.below(4);
  if (mode === 0 || stream.length === 0) return [stream];
  if (mode === 1 && stream.length <= 256) return Array.from(stream, (_, i) => stream.subarray(i, i + 1));
  const out: Uint8Array[] = [];
  for (let at = 0; at < stream.length; ) {
    const n = 1 + rng.below(mode === 2 ? 8 : 64);
    out.push(stream.subarray(at, at + n));
    at += n;
  }
  return out;
}

interface Outcome {
  packets: number;
  decoded: number;
  payloadErrors: number;
  framingError: boolean;
}

/** Feeds one input through a fresh decoder and decodes every packet; throws only on a crash. */
function feed(chunksIn: readonly Uint8Array[]): Outcome {
  const o: Outcome = { packets: 0, decoded: 0, payloadErrors: 0, framingError: false };
  const d = new FrameDecoder();
  let pushed = 0;
  try {
    for (const c of chunksIn) {
      pushed += c.length;
      for (const p of d.push(c)) {
        o.packets++;
        try {
          decodeLikeEngine(p);
          o.decoded++;
        } catch (e) {
          if (!isPackageError(e)) throw e;
          o.payloadErrors++;
        }
      }
      // Nothing claimed is allocated ahead: what is held is at most what was received.
      if (d.pending > pushed) throw new Error(`decoder holds ${d.pending} bytes after receiving ${pushed}`);
    }
  } catch (e) {
    if (!isPackageError(e)) throw e;
    o.framingError = true;
  }
  return o;
}

const hex = (b: Uint8Array, max = 96): string =>
  Buffer.from(b.subarray(0, max)).toString('hex') + (b.length > max ? `... (${b.length} bytes)` : '');

function getGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

// --- the tests -------------------------------------------------------------------------------

describe('fuzz: frame decoder and payload codecs', () => {
  const corpus = buildCorpus(new Rng(SEED, 0xc0ffee));

  it('builds valid packets for most procedures and events, and each decodes and re-encodes identically', () => {
    expect(corpus.length).toBeGreaterThan(procList.length * 3);
    for (const s of corpus) {
      const packets = [...new FrameDecoder().push(s.bytes)];
      expect(packets, s.what).toHaveLength(1);
      const p = packets[0]!;
      expect(p.bytes, s.what).toEqual(s.bytes);
      let v: unknown;
      try {
        v = decodeLikeEngine(p);
      } catch (e) {
        throw new Error(`valid packet ${s.what} does not decode: ${String(e)}\n${hex(s.bytes)}`, { cause: e });
      }
      // Round trip: the bytes the codec writes back are the bytes it read.
      const h = p.header;
      const proc = procs.get(key(h.program, h.procedure));
      const codec: XdrCodec<unknown> | undefined =
        h.status === MessageStatus.ERROR ? undefined
        : h.type === MessageType.REPLY ? proc?.ret
        : h.type === MessageType.CALL ? proc?.args
        : h.type === MessageType.MESSAGE ? msgs.get(key(h.program, h.procedure))?.msg
        : undefined;
      if (codec) expect(encodePacket(h, codec, v), s.what).toEqual(s.bytes);
    }
  });

  /** Runs inputs [from, to) and reports what they exercised and every distinct crash. */
  function run(from: number, to: number) {
    const gc = getGc();
    const failures = new Map<string, string>();
    const totals = { frames: 0, packets: 0, decoded: 0, payloadErrors: 0, framingErrors: 0 };
    let heapAfterWarmup = 0;
    let peakArrayBuffers = 0;
    for (let i = from; i < to; i++) {
      const rng = new Rng(SEED, i + 1);
      const input = makeInput(rng, corpus);
      const parts = chunks(input.stream, rng);
      totals.frames += input.frames;
      try {
        const o = feed(parts);
        totals.packets += o.packets;
        totals.decoded += o.decoded;
        totals.payloadErrors += o.payloadErrors;
        if (o.framingError) totals.framingErrors++;
      } catch (e) {
        const err = e as Error;
        const sig = `${err.name}: ${err.message.replace(/\d+/g, 'N')}`;
        if (!failures.has(sig) && failures.size < 20) {
          failures.set(sig, `case ${i} (${input.what}): ${err.stack ?? String(err)}\n  input: ${hex(input.stream)}`);
        }
      }
      if (i === from + 10_000) {
        gc();
        heapAfterWarmup = process.memoryUsage().heapUsed;
      }
      if (i % 5_000 === 0) peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers);
    }
    gc();
    const heapEnd = process.memoryUsage().heapUsed;
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    console.log(
      `fuzz: ${to - from} inputs (${totals.frames} frames, mutated or random); ${totals.packets} packets framed, ${totals.decoded} decoded, ` +
        `${totals.payloadErrors} refused by a codec, ${totals.framingErrors} inputs refused by the framing; ` +
        `heap after GC ${mb(heapAfterWarmup)} MB at 10k -> ${mb(heapEnd)} MB at end; peak arrayBuffers ${mb(peakArrayBuffers)} MB`,
    );
    return { failures: [...failures.values()], totals, heapGrowth: heapEnd - heapAfterWarmup, peakArrayBuffers };
  }

  // FUZZ_CASE turns this test into the replay of one input (below): one test either way, so a
  // normal run counts no skip.
  if (ONLY_CASE !== null) {
    const only = ONLY_CASE;
    it(`replays input ${only} of seed ${SEED} (FUZZ_CASE)`, () => {
      expect(run(only, only + 1).failures, `crashes (seed ${SEED})`).toEqual([]);
    });
  } else it(`survives ${CASES} mutated and random inputs (seed ${SEED})`, { timeout: 300_000 }, () => {
    console.log(`fuzz: seed ${SEED} (replay one input: FUZZ_SEED=${SEED} FUZZ_CASE=<n>), ${CASES} inputs, corpus of ${corpus.length} valid packets`);
    const { failures, totals, heapGrowth, peakArrayBuffers } = run(0, CASES);
    expect(failures, `crashes (seed ${SEED})`).toEqual([]);
    // Every kind of outcome is exercised: valid decodes, codec refusals, framing refusals.
    expect(totals.frames).toBeGreaterThanOrEqual(100_000);
    expect(totals.decoded).toBeGreaterThan(CASES / 10);
    expect(totals.payloadErrors).toBeGreaterThan(CASES / 10);
    expect(totals.framingErrors).toBeGreaterThan(CASES / 20);
    // Memory does not grow with the number of inputs, and no claimed-huge length was allocated.
    expect(heapGrowth).toBeLessThan(16 * 1024 * 1024);
    expect(peakArrayBuffers).toBeLessThan(64 * 1024 * 1024);
  });

  it('XdrReader: random reads over random bytes throw only ProtocolError and never move backwards or past the end', () => {
    // The generated codecs always pass a limit; this reaches the defaults (unbounded string<>
    // and opaque<>) and lengths near 2^32 that the codecs' limits stop earlier.
    const rng = new Rng(SEED, 0xbeef);
    const lengths = [0, 1, 3, 4, 5, 0x7fff_ffff, 0x8000_0000, 0xffff_fffb, 0xffff_fffc, 0xffff_fffd, 0xffff_fffe, 0xffff_ffff];
    const ops: ((r: XdrReader) => unknown)[] = [
      (r) => r.int(),
      (r) => r.uint(),
      (r) => r.hyper(),
      (r) => r.uhyper(),
      (r) => r.float(),
      (r) => r.double(),
      (r) => r.bool(),
      (r) => r.string(),
      (r) => r.opaque(),
      (r) => r.string(16),
      (r) => r.opaque(16),
      (r) => r.optional((r) => r.string()),
      (r) => r.array(0xffff_ffff, (r) => r.opaque()),
      (r) => r.opaqueFixed(rng.pick([0, 1, 2, 3, 16])),
      (r) => r.fixedArray(rng.below(4), (r) => r.int()),
      (r) => r.enumValue(new Set([0, 1, 2]), 'test enum'),
    ];
    const problems: string[] = [];
    for (let i = 0; i < 20_000 && problems.length < 5; i++) {
      const bytes = rng.bytes(rng.below(48));
      // Plant a length word near 2^32 at an aligned place.
      if (bytes.length >= 4 && rng.chance(0.5)) setU32(bytes, 4 * rng.below(bytes.length >> 2), rng.pick(lengths));
      const r = new XdrReader(bytes);
      for (let j = 0; j < 8; j++) {
        const before = r.offset;
        try {
          ops[rng.below(ops.length)]!(r);
        } catch (e) {
          if (!(e instanceof ProtocolError)) problems.push(`input ${hex(bytes)}: ${String(e)}`);
          break;
        }
        if (r.offset < before || r.offset > bytes.length) {
          problems.push(`input ${hex(bytes)}: a read moved the offset from ${before} to ${r.offset} (end ${bytes.length})`);
          break;
        }
      }
    }
    expect(problems).toEqual([]);
    // The minimal case it found: padding computed as `(len + 3) & ~3` wrapped for len >= 2^31
    // (and for 0xFFFFFFFD..FF), so an unbounded string of length 0xFFFFFFFC "read" the 4 bytes
    // behind it and moved the offset back to 0.
    const wrap = new Uint8Array([0xff, 0xff, 0xff, 0xfc, 0x41, 0x42, 0x43, 0x44]);
    expect(() => new XdrReader(wrap).string()).toThrow(ProtocolError);
    expect(() => new XdrReader(wrap).opaque()).toThrow(ProtocolError);
  });

  it('refuses claimed-huge lengths before allocating them', () => {
    const gc = getGc();
    const reply = (proc: AnyProc, payload: Uint8Array): Uint8Array => encodeRawPacket(header(proc, MessageType.REPLY, 1, MessageStatus.OK), payload);
    const word = (...vs: number[]): Uint8Array => {
      const w = new XdrWriter(4 * vs.length);
      for (const v of vs) w.uint(v);
      return w.bytes().slice();
    };
    gc();
    const before = process.memoryUsage().arrayBuffers;

    // Length words: 0xFFFFFFFF and MAX+5 are refused from the first 4 bytes; MAX+4 is allowed
    // but only what arrives is held.
    for (const len of [0xffff_ffff, PACKET_MAX + 1, 0, 27]) {
      const d = new FrameDecoder();
      expect(() => [...d.push(word(len))], `length ${len}`).toThrow(ProtocolError);
      expect(d.pending).toBe(0);
    }
    const d = new FrameDecoder();
    expect([...d.push(concat(word(PACKET_MAX), new Uint8Array(1024)))]).toEqual([]);
    expect(d.pending).toBe(1028);

    // Counts and lengths inside a small payload: refused by the bounds checks, nothing allocated.
    const cases: [AnyProc, Uint8Array][] = [
      [remoteProcedures.connectListAllDomains, word(16_384, 0)], // 16,384 domains claimed, none there
      [remoteProcedures.connectListAllDomains, word(0xffff_ffff, 0)],
      [remoteProcedures.domainGetXmlDesc, word(0x40_0000)], // a 4 MiB XML string claimed
      [remoteProcedures.domainGetXmlDesc, word(0xffff_fffc)],
      [remoteProcedures.connectGetCapabilities, word(0x3f_ffff, 1, 2, 3)],
    ];
    for (const [proc, payload] of cases) {
      const [p] = [...new FrameDecoder().push(reply(proc, payload))];
      expect(() => decodeLikeEngine(p!), proc.name).toThrow(ProtocolError);
    }
    gc();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
  });
});
