// The syntax tree of an rpcgen .x file, as the parser produces it. Sizes and values stay
// symbolic (a literal or a constant's name) until the resolver gives them numbers.

/** A size or value: a number literal as written, or the name of a constant. */
export type Value = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'ref'; readonly name: string };

export type PrimitiveName =
  | 'int'
  | 'unsigned int'
  | 'hyper'
  | 'unsigned hyper'
  | 'float'
  | 'double'
  | 'bool'
  | 'char'
  | 'unsigned char'
  | 'short'
  | 'unsigned short';

/** A type specifier: a primitive, `string`/`opaque` (only valid with an array suffix), or a name. */
export type TypeSpec =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'string' }
  | { readonly kind: 'opaque' }
  | { readonly kind: 'named'; readonly name: string };

/** How a declaration wraps its type: `x`, `*x`, `x[N]`, `x<N>` / `x<>`. */
export type Shape =
  | { readonly kind: 'plain' }
  | { readonly kind: 'optional' }
  | { readonly kind: 'fixed'; readonly size: Value }
  | { readonly kind: 'variable'; readonly max: Value | null };

export interface Declaration {
  readonly name: string;
  readonly type: TypeSpec;
  readonly shape: Shape;
  readonly line: number;
}

export interface EnumMember {
  readonly name: string;
  /** null: one more than the previous member (0 for the first). */
  readonly value: Value | null;
  readonly line: number;
  /** `@key: value` lines of the comment right above the member (procedure annotations). */
  readonly annotations: ReadonlyMap<string, readonly string[]>;
}

export interface UnionArm {
  /** The case values; empty for the `default:` arm. */
  readonly cases: readonly Value[];
  /** null for `void`. */
  readonly decl: Declaration | null;
}

export type Definition =
  | { readonly kind: 'const'; readonly name: string; readonly value: Value; readonly line: number }
  | { readonly kind: 'typedef'; readonly decl: Declaration; readonly line: number }
  | { readonly kind: 'enum'; readonly name: string; readonly members: readonly EnumMember[]; readonly line: number }
  | { readonly kind: 'struct'; readonly name: string; readonly fields: readonly Declaration[]; readonly line: number }
  | {
      readonly kind: 'union';
      readonly name: string;
      readonly discriminant: Declaration;
      readonly arms: readonly UnionArm[];
      readonly hasDefault: boolean;
      readonly line: number;
    };

export interface XFile {
  readonly file: string;
  readonly definitions: readonly Definition[];
  /** `%` lines, kept for completeness (rpcgen copies them into C output). */
  readonly passthrough: readonly string[];
}
