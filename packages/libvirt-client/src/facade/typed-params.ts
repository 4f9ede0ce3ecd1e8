// virTypedParameter lists (remote_typed_param) as plain JS records, both ways.
import type { RemoteTypedParam, RemoteTypedParamValue } from '../gen/index.js';
import type { VirTypedParameterType } from '../gen/index.js';

/** A decoded typed parameter: 64-bit integers become numbers while exact, else stay bigint. */
export type TypedValue = number | bigint | string | boolean;
export type TypedParams = Record<string, TypedValue>;

function toNumberIfSafe(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export function decodeTypedValue(v: RemoteTypedParamValue): TypedValue {
  switch (v.type) {
    case 1:
      return v.i;
    case 2:
      return v.ui;
    case 3:
      return toNumberIfSafe(v.l);
    case 4:
      return toNumberIfSafe(v.ul);
    case 5:
      return v.d;
    case 6:
      return v.b !== 0;
    case 7:
      return v.s;
  }
}

/** Decodes a typed-parameter list into a record keyed by field (e.g. 'block.0.rd.bytes'). */
export function decodeTypedParams(params: readonly RemoteTypedParam[]): TypedParams {
  const out: TypedParams = {};
  for (const p of params) out[p.field] = decodeTypedValue(p.value);
  return out;
}

export type TypedParamType = keyof typeof VirTypedParameterType;

/** Encodes one value with the type the daemon expects for its field (virTypedParamsValidate is strict). */
export function encodeTypedValue(type: TypedParamType, value: TypedValue): RemoteTypedParamValue {
  switch (type) {
    case 'INT':
      return { type: 1, i: Number(value) };
    case 'UINT':
      return { type: 2, ui: Number(value) };
    case 'LLONG':
      return { type: 3, l: BigInt(value) };
    case 'ULLONG':
      return { type: 4, ul: BigInt(value) };
    case 'DOUBLE':
      return { type: 5, d: Number(value) };
    case 'BOOLEAN':
      return { type: 6, b: value ? 1 : 0 };
    case 'STRING':
      return { type: 7, s: String(value) };
  }
}

/**
 * Encodes a record with a schema of field types; fields whose value is undefined are left out,
 * fields missing from the schema throw (the daemon would refuse them anyway).
 */
export function encodeTypedParams(schema: Readonly<Record<string, TypedParamType>>, values: Readonly<Record<string, TypedValue | undefined>>): RemoteTypedParam[] {
  const out: RemoteTypedParam[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const type = schema[field];
    if (!type) throw new RangeError(`unknown typed parameter: ${field}`);
    out.push({ field, value: encodeTypedValue(type, value) });
  }
  return out;
}
