// TS types and XDR codecs of .x definitions. See TYPES_ABOUT for the representation.
import type { Declaration, Definition, PrimitiveName, TypeSpec } from './ast.js';
import { XgenError } from './errors.js';
import type { Model } from './model.js';
import { pascalCase } from './names.js';
import type { OutFile } from './outfile.js';

export const TYPES_ABOUT = [
  'Representation: every .x struct, union and typedef `foo_bar` is a TS type `FooBar` and a codec',
  '`FooBar: XdrCodec<FooBar>` of the same name; struct fields keep their .x names. An .x enum',
  '`foo_kind` is a value object `FooKind = { MEMBER: n, ... } as const`, the type `FooKind` (union',
  'of its values), each member as a top-level constant, and the codec `FooKindCodec`, whose',
  'decode refuses values the enum does not declare. int, unsigned int, char, short, float and',
  'double are number; hyper and unsigned hyper are bigint; bool is boolean; string is string;',
  'opaque is Uint8Array; `T *x` is `T | null`; arrays are T[]. A union is a TS discriminated',
  'union keyed by its discriminant field: `{ type: 1; i: number } | { type: 7; s: string }`, a',
  'void arm has only the discriminant; a `default:` arm has `number` as its key type.',
  'Sizes are checked against their .x limits on decode (before allocation) and on encode.',
];

const UINT32_MAX = 4294967295;

export class TypeEmitter {
  constructor(
    private readonly model: Model,
    private readonly out: OutFile,
    private readonly file: string,
  ) {}

  definition(d: Definition): void {
    switch (d.kind) {
      case 'const':
        return this.constant(d);
      case 'enum':
        return this.enumeration(d);
      case 'typedef':
        return this.typedef(d);
      case 'struct':
        return this.struct(d);
      case 'union':
        return this.union(d);
    }
  }

  private constant(d: Extract<Definition, { kind: 'const' }>): void {
    const v = this.model.value(d.value, this.file, d.line);
    const lit = d.value.kind === 'literal' && /^0[xX]/.test(d.value.text) ? `0x${v.toString(16)}` : v.toString();
    const note = d.value.kind === 'ref' ? ` // ${d.value.name}` : '';
    this.out.push(`export const ${d.name} = ${lit};${note}`);
    this.out.export(d.name);
  }

  private enumeration(d: Extract<Definition, { kind: 'enum' }>): void {
    const ts = pascalCase(d.name);
    const values = d.members.map((m) => [m.name, this.model.value({ kind: 'ref', name: m.name }, this.file, m.line)] as const);
    this.out.push('', `/** enum ${d.name} */`, `export const ${ts} = {`);
    for (const [name, v] of values) this.out.push(`  ${name}: ${v},`);
    this.out.push('} as const;', `export type ${ts} = (typeof ${ts})[keyof typeof ${ts}];`);
    for (const [name, v] of values) this.out.push(`export const ${name} = ${v};`);
    const set = `${ts.charAt(0).toLowerCase()}${ts.slice(1)}Values`;
    this.out.push(
      `const ${set}: ReadonlySet<number> = new Set<number>(Object.values(${ts}));`,
      `export const ${ts}Codec: XdrCodec<${ts}> = {`,
      '  encode(w, v) {',
      '    w.int(v);',
      '  },',
      '  decode(r) {',
      `    return r.enumValue<${ts}>(${set}, '${d.name}');`,
      '  },',
      '};',
    );
    this.out.export(ts);
    this.out.export(`${ts}Codec`);
    for (const [name] of values) this.out.export(name);
    this.out.runtimeTypes.add('XdrCodec');
  }

  private typedef(d: Extract<Definition, { kind: 'typedef' }>): void {
    const ts = pascalCase(d.decl.name);
    this.out.push(
      '',
      `/** typedef ${d.decl.name} */`,
      `export type ${ts} = ${this.tsType(d.decl)};`,
      `export const ${ts}: XdrCodec<${ts}> = {`,
      '  encode(w, v) {',
      `    ${this.encode(d.decl, 'v')};`,
      '  },',
      '  decode(r) {',
      `    return ${this.decode(d.decl)};`,
      '  },',
      '};',
    );
    this.out.export(ts);
    this.out.runtimeTypes.add('XdrCodec');
  }

  private struct(d: Extract<Definition, { kind: 'struct' }>): void {
    const ts = pascalCase(d.name);
    this.out.push('', `/** struct ${d.name} */`, `export interface ${ts} {`);
    for (const f of d.fields) this.out.push(`  ${f.name}: ${this.tsType(f)};`);
    this.out.push('}', `export const ${ts}: XdrCodec<${ts}> = {`, '  encode(w, v) {');
    for (const f of d.fields) this.out.push(`    ${this.encode(f, `v.${f.name}`)};`);
    this.out.push('  },', '  decode(r) {', '    return {');
    for (const f of d.fields) this.out.push(`      ${f.name}: ${this.decode(f)},`);
    this.out.push('    };', '  },', '};');
    this.out.export(ts);
    this.out.runtimeTypes.add('XdrCodec');
  }

  private union(d: Extract<Definition, { kind: 'union' }>): void {
    const ts = pascalCase(d.name);
    const disc = d.discriminant;
    if (disc.shape.kind !== 'plain') throw new XgenError(`union ${d.name}: discriminant must be a plain scalar`, this.file, d.line);
    const discType = this.discriminantKind(disc.type, d.line);
    const key = disc.name;
    const arms = d.arms.map((a) => ({
      cases: a.cases.map((c) => {
        const v = this.model.value(c, this.file, d.line);
        if (discType === 'unsigned' ? v < 0n || v > 0xffff_ffffn : v < -0x8000_0000n || v > 0x7fff_ffffn) {
          throw new XgenError(`union ${d.name}: case ${v} does not fit its discriminant`, this.file, d.line);
        }
        return Number(v);
      }),
      decl: a.decl,
    }));
    const seen = new Set<number>();
    for (const a of arms) for (const c of a.cases) {
      if (seen.has(c)) throw new XgenError(`union ${d.name}: case ${c} repeated`, this.file, d.line);
      seen.add(c);
    }
    const keyType = (cases: readonly number[]): string => (cases.length === 0 ? 'number' : cases.join(' | '));
    this.out.push('', `/** union ${d.name} switch (${key}) */`, `export type ${ts} =`);
    for (const a of arms) {
      const field = a.decl === null ? '' : `; ${a.decl.name}: ${this.tsType(a.decl)}`;
      this.out.push(`  | { ${key}: ${keyType(a.cases)}${field} }`);
    }
    this.out.lines[this.out.lines.length - 1] += ';';
    this.out.push(`export const ${ts}: XdrCodec<${ts}> = {`, '  encode(w, v) {', `    ${this.encode(disc, `v.${key}`)};`, `    switch (v.${key}) {`);
    let defaultArm: (typeof arms)[number] | undefined;
    for (const a of arms) {
      if (a.cases.length === 0) {
        defaultArm = a;
        continue;
      }
      for (const c of a.cases) this.out.push(`      case ${c}:`);
      if (a.decl !== null) this.out.push(`        ${this.encode(a.decl, `v.${a.decl.name}`)};`);
      this.out.push('        break;');
    }
    this.out.push('      default:');
    if (defaultArm === undefined) {
      this.out.needsProtocolError = true;
      this.out.push(`        throw new ProtocolError(\`xdr: \${String((v as { ${key}: unknown }).${key})} is not a case of ${d.name}\`);`);
    } else {
      if (defaultArm.decl !== null) this.out.push(`        ${this.encode(defaultArm.decl, `v.${defaultArm.decl.name}`)};`);
      this.out.push('        break;');
    }
    this.out.push('    }', '  },', '  decode(r) {', `    const d = ${this.decode(disc)};`, '    switch (d) {');
    for (const a of arms) {
      if (a.cases.length === 0) continue;
      for (const c of a.cases) this.out.push(`      case ${c}:`);
      const field = a.decl === null ? '' : `, ${a.decl.name}: ${this.decode(a.decl)}`;
      this.out.push(`        return { ${key}: d${field} };`);
    }
    this.out.push('      default:');
    if (defaultArm === undefined) {
      this.out.needsProtocolError = true;
      this.out.push(`        throw new ProtocolError(\`xdr: \${d} is not a case of ${d.name}\`);`);
    } else {
      const field = defaultArm.decl === null ? '' : `, ${defaultArm.decl.name}: ${this.decode(defaultArm.decl)}`;
      this.out.push(`        return { ${key}: d${field} };`);
    }
    this.out.push('    }', '  },', '};');
    this.out.export(ts);
    this.out.runtimeTypes.add('XdrCodec');
  }

  private discriminantKind(t: TypeSpec, line: number): 'signed' | 'unsigned' {
    if (t.kind === 'primitive' && t.name === 'int') return 'signed';
    if (t.kind === 'primitive' && t.name === 'unsigned int') return 'unsigned';
    if (t.kind === 'named' && this.model.typeDef(t.name, this.file, line).kind === 'enum') return 'signed';
    throw new XgenError('union discriminant must be int, unsigned int or an enum', this.file, line);
  }

  // ----- per-declaration pieces -----

  private baseType(t: TypeSpec, line: number): string {
    switch (t.kind) {
      case 'primitive':
        return PRIMITIVE_TS[t.name];
      case 'string':
        return 'string';
      case 'opaque':
        return 'Uint8Array';
      case 'named':
        this.model.typeDef(t.name, this.file, line);
        this.out.uses.add(pascalCase(t.name));
        return pascalCase(t.name);
    }
  }

  tsType(d: Declaration): string {
    if (d.type.kind === 'string' || d.type.kind === 'opaque') return this.baseType(d.type, d.line);
    const base = this.baseType(d.type, d.line);
    switch (d.shape.kind) {
      case 'plain':
        return base;
      case 'optional':
        return `${base} | null`;
      case 'fixed':
      case 'variable':
        return `${base}[]`;
    }
  }

  private itemDecode(t: TypeSpec, line: number): string {
    if (t.kind === 'primitive') return `r.${PRIMITIVE_READ[t.name]}()`;
    if (t.kind === 'named') {
      const codec = this.model.codecName(t.name, this.file, line);
      this.out.uses.add(codec);
      return `${codec}.decode(r)`;
    }
    throw new XgenError(`${t.kind} needs a size`, this.file, line);
  }

  private itemEncode(t: TypeSpec, v: string, line: number): string {
    if (t.kind === 'primitive') return `w.${PRIMITIVE_READ[t.name]}(${v})`;
    if (t.kind === 'named') {
      const codec = this.model.codecName(t.name, this.file, line);
      this.out.uses.add(codec);
      return `${codec}.encode(w, ${v})`;
    }
    throw new XgenError(`${t.kind} needs a size`, this.file, line);
  }

  private size(d: Declaration): number | null {
    if (d.shape.kind === 'fixed') return this.model.num(d.shape.size, this.file, d.line);
    if (d.shape.kind === 'variable' && d.shape.max !== null) return this.model.num(d.shape.max, this.file, d.line);
    return null;
  }

  decode(d: Declaration): string {
    const n = this.size(d);
    if (d.type.kind === 'string') return n === null ? 'r.string()' : `r.string(${n})`;
    if (d.type.kind === 'opaque') return d.shape.kind === 'fixed' ? `r.opaqueFixed(${n})` : n === null ? 'r.opaque()' : `r.opaque(${n})`;
    const item = this.itemDecode(d.type, d.line);
    switch (d.shape.kind) {
      case 'plain':
        return item;
      case 'optional':
        return `r.optional((r) => ${item})`;
      case 'fixed':
        return `r.fixedArray(${n}, (r) => ${item})`;
      case 'variable':
        return `r.array(${n ?? UINT32_MAX}, (r) => ${item})`;
    }
  }

  encode(d: Declaration, v: string): string {
    const n = this.size(d);
    if (d.type.kind === 'string') return n === null ? `w.string(${v})` : `w.string(${v}, ${n})`;
    if (d.type.kind === 'opaque') return d.shape.kind === 'fixed' ? `w.opaqueFixed(${v}, ${n})` : n === null ? `w.opaque(${v})` : `w.opaque(${v}, ${n})`;
    switch (d.shape.kind) {
      case 'plain':
        return this.itemEncode(d.type, v, d.line);
      case 'optional':
        return `w.optional(${v}, (w, x) => ${this.itemEncode(d.type, 'x', d.line)})`;
      case 'fixed':
        return `w.fixedArray(${v}, ${n}, (w, x) => ${this.itemEncode(d.type, 'x', d.line)})`;
      case 'variable':
        return `w.array(${v}, ${n ?? UINT32_MAX}, (w, x) => ${this.itemEncode(d.type, 'x', d.line)})`;
    }
  }
}

const PRIMITIVE_TS: Record<PrimitiveName, string> = {
  int: 'number',
  'unsigned int': 'number',
  hyper: 'bigint',
  'unsigned hyper': 'bigint',
  float: 'number',
  double: 'number',
  bool: 'boolean',
  char: 'number',
  'unsigned char': 'number',
  short: 'number',
  'unsigned short': 'number',
};

/** rpcgen encodes char and short as full 4-byte ints (xdr_char, xdr_short), like int. */
const PRIMITIVE_READ: Record<PrimitiveName, string> = {
  int: 'int',
  'unsigned int': 'uint',
  hyper: 'hyper',
  'unsigned hyper': 'uhyper',
  float: 'float',
  double: 'double',
  bool: 'bool',
  char: 'int',
  'unsigned char': 'uint',
  short: 'int',
  'unsigned short': 'uint',
};
