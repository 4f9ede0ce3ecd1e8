// A sample packed into bytes, so 1,000 VMs × 30 days of history stays small: every value is a
// float32 (7 significant digits: plenty for a graph), null is NaN, a part is its kind, its name
// and its values. A VM with one disk and one NIC takes 58 bytes.
//
//   u8 version (1) | u8 n | n × f32 | u16 parts | per part: u8 kind | u8 len | name | u8 n | n × f32
import type { PartKind, Sample } from './sample.js';

const VERSION = 1;
const KIND_CODES: Record<PartKind, number> = { disk: 1, nic: 2, pool: 3 };
const KINDS: Record<number, PartKind> = { 1: 'disk', 2: 'nic', 3: 'pool' };
const MAX_NAME = 255;
const MAX_VALUES = 255;
const MAX_PARTS = 65535;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class SampleFormatError extends Error {
  override readonly name = 'SampleFormatError';
}

function nameBytes(name: string): Uint8Array {
  const bytes = utf8.encode(name);
  return bytes.length <= MAX_NAME ? bytes : bytes.subarray(0, MAX_NAME);
}

export function encodeSample(sample: Sample): Uint8Array {
  if (sample.values.length > MAX_VALUES || sample.parts.length > MAX_PARTS) throw new RangeError('sample too large to pack');
  const names = sample.parts.map((p) => nameBytes(p.name));
  let size = 2 + 4 * sample.values.length + 2;
  sample.parts.forEach((p, i) => {
    if (p.values.length > MAX_VALUES) throw new RangeError(`part ${p.name}: too many values`);
    size += 3 + names[i]!.length + 4 * p.values.length;
  });
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  let at = 0;
  const floats = (values: (number | null)[]) => {
    view.setUint8(at++, values.length);
    for (const v of values) {
      view.setFloat32(at, v ?? Number.NaN, true);
      at += 4;
    }
  };
  view.setUint8(at++, VERSION);
  floats(sample.values);
  view.setUint16(at, sample.parts.length, true);
  at += 2;
  sample.parts.forEach((p, i) => {
    const name = names[i]!;
    view.setUint8(at++, KIND_CODES[p.kind]);
    view.setUint8(at++, name.length);
    buf.set(name, at);
    at += name.length;
    floats(p.values);
  });
  return buf;
}

export function decodeSample(bytes: Uint8Array): Sample {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new SampleFormatError('sample truncated');
  };
  const u8 = () => (need(1), view.getUint8(at++));
  const floats = () => {
    const n = u8();
    need(4 * n);
    const out: (number | null)[] = [];
    for (let i = 0; i < n; i++, at += 4) {
      const v = view.getFloat32(at, true);
      out.push(Number.isNaN(v) ? null : v);
    }
    return out;
  };
  const version = u8();
  if (version !== VERSION) throw new SampleFormatError(`unknown sample version ${version}`);
  const values = floats();
  need(2);
  const count = view.getUint16(at, true);
  at += 2;
  const parts: Sample['parts'] = [];
  for (let i = 0; i < count; i++) {
    const code = u8();
    const kind = KINDS[code];
    if (!kind) throw new SampleFormatError(`unknown part kind ${code}`);
    const len = u8();
    need(len);
    const name = fromUtf8.decode(bytes.subarray(at, at + len));
    at += len;
    parts.push({ kind, name, values: floats() });
  }
  return { values, parts };
}
