import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/errors.js';
import {
  RemoteAuthTypeCodec,
  RemoteDomainGetXmlDescArgs,
  RemoteError,
  RemoteTypedParam,
  RemoteTypedParamValue,
  RemoteConnectGetAllDomainStatsRet,
  VirNetMessageError,
  VirNetMessageHeader,
  type RemoteConnectGetAllDomainStatsRet as StatsRet,
  type RemoteTypedParam as TypedParam,
} from '../../src/gen/index.js';
import { XdrReader, XdrWriter, type XdrCodec } from '../../src/xdr/index.js';

function bytesOf(f: (w: XdrWriter) => void): Uint8Array {
  const w = new XdrWriter(8);
  f(w);
  return w.bytes().slice();
}

function roundTrip<T>(codec: XdrCodec<T>, v: T): { back: T; bytes: Uint8Array } {
  const bytes = bytesOf((w) => codec.encode(w, v));
  const r = new XdrReader(bytes);
  const back = codec.decode(r);
  r.done('round trip');
  return { back, bytes };
}

/** A reader over a length word claiming `n`, followed by only `tail` bytes. */
function claims(n: number, tail = 0): XdrReader {
  return new XdrReader(bytesOf((w) => w.uint(n).raw(new Uint8Array(tail))));
}

describe('XdrWriter/XdrReader primitives', () => {
  it('round-trips every primitive big-endian', () => {
    const bytes = bytesOf((w) =>
      w
        .int(-2)
        .uint(0xffff_ffff)
        .hyper(-(2n ** 63n))
        .uhyper(2n ** 64n - 1n)
        .float(1.5)
        .double(Math.PI)
        .bool(true)
        .bool(false),
    );
    expect(bytes.length).toBe(4 + 4 + 8 + 8 + 4 + 8 + 4 + 4);
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xff, 0xff, 0xfe]);
    const r = new XdrReader(bytes);
    expect(r.int()).toBe(-2);
    expect(r.uint()).toBe(0xffff_ffff);
    expect(r.hyper()).toBe(-(2n ** 63n));
    expect(r.uhyper()).toBe(2n ** 64n - 1n);
    expect(r.float()).toBe(1.5);
    expect(r.double()).toBe(Math.PI);
    expect(r.bool()).toBe(true);
    expect(r.bool()).toBe(false);
    r.done('primitives');
  });

  it('pads strings and opaques to 4 bytes with zeros', () => {
    const bytes = bytesOf((w) => w.string('abcde').opaque(new Uint8Array([1])).opaqueFixed(new Uint8Array([9, 9, 9])));
    expect([...bytes]).toEqual([0, 0, 0, 5, 97, 98, 99, 100, 101, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 9, 9, 9, 0]);
    const r = new XdrReader(bytes);
    expect(r.string()).toBe('abcde');
    expect([...r.opaque()]).toEqual([1]);
    expect([...r.opaqueFixed(3)]).toEqual([9, 9, 9]);
    r.done('padded');
  });

  it('round-trips arrays and optionals', () => {
    const bytes = bytesOf((w) => {
      w.array([1, 2, 3], 3, (w, x) => w.int(x));
      w.fixedArray([7, 8], 2, (w, x) => w.uint(x));
      w.optional(null, (w, x: number) => w.int(x));
      w.optional(5, (w, x) => w.int(x));
    });
    const r = new XdrReader(bytes);
    expect(r.array(3, (r) => r.int())).toEqual([1, 2, 3]);
    expect(r.fixedArray(2, (r) => r.uint())).toEqual([7, 8]);
    expect(r.optional((r) => r.int())).toBeNull();
    expect(r.optional((r) => r.int())).toBe(5);
    r.done('arrays');
  });

  it('refuses out-of-range values on encode', () => {
    expect(() => new XdrWriter(4, 8).int(1).int(2).int(3)).toThrow(/message would exceed 8 bytes/);
    expect(() => new XdrWriter().int(2 ** 31)).toThrow(ProtocolError);
    expect(() => new XdrWriter().uint(-1)).toThrow(ProtocolError);
    expect(() => new XdrWriter().int(1.5)).toThrow(ProtocolError);
    expect(() => new XdrWriter().string('abc', 2)).toThrow(ProtocolError);
    expect(() => new XdrWriter().opaque(new Uint8Array(3), 2)).toThrow(ProtocolError);
    expect(() => new XdrWriter().array([1, 2, 3], 2, (w, x) => w.int(x))).toThrow(ProtocolError);
    expect(() => new XdrWriter().fixedArray([1], 2, (w, x) => w.int(x))).toThrow(ProtocolError);
  });
});

describe('limits are enforced before allocation', () => {
  it('refuses a string, opaque or array longer than its max from the length word alone', () => {
    // The length word claims 4 GiB - 1 but no bytes follow: the max check must fire first.
    expect(() => claims(0xffff_ffff).string(10)).toThrow(/exceeds its limit 10/);
    expect(() => claims(0xffff_ffff).opaque(10)).toThrow(/exceeds its limit 10/);
    expect(() => claims(0xffff_ffff).array(10, (r) => r.int())).toThrow(/exceeds its limit 10/);
  });

  it('refuses lengths that exceed the bytes left, without allocating', () => {
    expect(() => claims(8, 4).string(100)).toThrow(/truncated/);
    expect(() => claims(8, 4).opaque(100)).toThrow(/truncated/);
    // 1,000,000 items of at least 4 bytes cannot fit in 4 bytes: refused before `new Array`.
    expect(() => claims(1_000_000, 4).array(2_000_000, (r) => r.int())).toThrow(/truncated array/);
  });

  it('generated codecs apply the .x limits (remote_nonnull_string<REMOTE_STRING_MAX>)', () => {
    const r = claims(4_194_305);
    expect(() => RemoteDomainGetXmlDescArgs.decode(r)).toThrow(/exceeds its limit 4194304/);
  });
});

describe('malformed input is a ProtocolError', () => {
  it('truncated input', () => {
    expect(() => new XdrReader(new Uint8Array(3)).int()).toThrow(ProtocolError);
    expect(() => new XdrReader(new Uint8Array(7)).hyper()).toThrow(ProtocolError);
    const full = bytesOf((w) => RemoteDomainGetXmlDescArgs.encode(w, { dom: { name: 'vm', uuid: new Uint8Array(16), id: 1 }, flags: 0 }));
    for (let cut = 0; cut < full.length; cut++) {
      expect(() => RemoteDomainGetXmlDescArgs.decode(new XdrReader(full.subarray(0, cut)))).toThrow(ProtocolError);
    }
  });

  it('a bool that is neither 0 nor 1', () => {
    expect(() => new XdrReader(bytesOf((w) => w.int(2))).bool()).toThrow(/bad bool/);
  });

  it('an enum value the .x file does not declare', () => {
    expect(RemoteAuthTypeCodec.decode(new XdrReader(bytesOf((w) => w.int(1))))).toBe(1);
    expect(() => RemoteAuthTypeCodec.decode(new XdrReader(bytesOf((w) => w.int(99))))).toThrow(/99 is not a value of remote_auth_type/);
  });

  it('a union discriminant with no arm', () => {
    expect(() => RemoteTypedParamValue.decode(new XdrReader(bytesOf((w) => w.int(42).int(0))))).toThrow(/42 is not a case/);
  });

  it('trailing bytes', () => {
    const r = new XdrReader(bytesOf((w) => w.int(1).int(2)));
    r.int();
    expect(() => r.done('x')).toThrow(/4 trailing bytes/);
  });
});

describe('generated codecs', () => {
  it('remote_domain_get_xml_desc_args encodes as libvirt does', () => {
    const uuid = Uint8Array.from({ length: 16 }, (_, i) => i);
    const v = { dom: { name: 'abc', uuid, id: -1 }, flags: 1 };
    const { back, bytes } = roundTrip(RemoteDomainGetXmlDescArgs, v);
    expect(back).toEqual(v);
    // name: len 3 + "abc\0"; uuid: 16 bytes fixed, no length; id; flags.
    expect(bytes.length).toBe(4 + 4 + 16 + 4 + 4);
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0, 0, 3, 97, 98, 99, 0]);
    expect([...bytes.subarray(8, 24)]).toEqual([...uuid]);
  });

  it('typed-param union: every arm round-trips', () => {
    const params: TypedParam[] = [
      { field: 'i', value: { type: 1, i: -5 } },
      { field: 'ui', value: { type: 2, ui: 4_000_000_000 } },
      { field: 'l', value: { type: 3, l: -(2n ** 40n) } },
      { field: 'ul', value: { type: 4, ul: 2n ** 63n } },
      { field: 'd', value: { type: 5, d: 0.25 } },
      { field: 'b', value: { type: 6, b: 1 } },
      { field: 's', value: { type: 7, s: 'héllo' } },
    ];
    for (const p of params) expect(roundTrip(RemoteTypedParam, p).back).toEqual(p);
    const { bytes } = roundTrip(RemoteTypedParam, { field: 'x', value: { type: 1, i: 7 } });
    expect([...bytes]).toEqual([0, 0, 0, 1, 120, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7]);
  });

  it('struct with nested arrays of structs holding unions', () => {
    const v: StatsRet = {
      retStats: [
        {
          dom: { name: 'a', uuid: new Uint8Array(16).fill(0xaa), id: 3 },
          params: [
            { field: 'state.state', value: { type: 1, i: 1 } },
            { field: 'balloon.current', value: { type: 4, ul: 1024n } },
          ],
        },
        { dom: { name: 'b', uuid: new Uint8Array(16), id: -1 }, params: [] },
      ],
    };
    expect(roundTrip(RemoteConnectGetAllDomainStatsRet, v).back).toEqual(v);
  });

  it('struct with optional fields (remote_error / virNetMessageError)', () => {
    const err = {
      code: 42,
      domain: 10,
      message: 'Domain not found',
      level: 2,
      dom: { name: 'vm1', uuid: new Uint8Array(16).fill(1), id: 7 },
      str1: null,
      str2: 'x',
      str3: null,
      int1: -1,
      int2: 0,
      net: null,
    };
    const { back, bytes } = roundTrip(RemoteError, err);
    expect(back).toEqual(err);
    const viaNet = VirNetMessageError.decode(new XdrReader(bytes));
    expect(viaNet).toEqual(err);
  });

  it('virNetMessageHeader checks its enum fields', () => {
    const h = { prog: 0x20008086, vers: 1, proc: 14, type: 1 as const, serial: 9, status: 0 as const };
    const { back, bytes } = roundTrip(VirNetMessageHeader, h);
    expect(back).toEqual(h);
    expect(bytes.length).toBe(24);
    const bad = bytes.slice();
    bad[15] = 9; // type = 9
    expect(() => VirNetMessageHeader.decode(new XdrReader(bad))).toThrow(/not a value of virNetMessageType/);
  });
});
