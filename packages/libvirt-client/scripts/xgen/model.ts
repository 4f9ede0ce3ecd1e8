// The symbol table shared by every .x module: which definition a name refers to, its TS
// name, and the numeric value of every constant (.x consts, .x enum members, header values).
import type { Definition, Value, XFile } from './ast.js';
import { XgenError } from './errors.js';
import { parseIntLiteral } from './expr.js';
import { pascalCase } from './names.js';

export type TypeDef = Extract<Definition, { kind: 'typedef' | 'enum' | 'struct' | 'union' }>;

export interface XModule {
  /** Short id used in output file names: `virnet`, `keepalive`, `remote`, `qemu`, `lxc`. */
  readonly id: string;
  readonly ast: XFile;
}

export class Model {
  private readonly types = new Map<string, { def: TypeDef; module: string }>();
  private readonly values = new Map<string, { value: bigint; where: string }>();

  constructor(
    readonly modules: readonly XModule[],
    headerValues: ReadonlyMap<string, bigint>,
  ) {
    for (const [name, value] of headerValues) this.values.set(name, { value, where: 'C headers' });
    for (const m of modules) {
      for (const d of m.ast.definitions) {
        const where = `${m.ast.file}:${d.line}`;
        if (d.kind === 'const') {
          this.setValue(d.name, this.value(d.value, m.ast.file, d.line), where);
          continue;
        }
        const name = d.kind === 'typedef' ? d.decl.name : d.name;
        if (this.types.has(name)) throw new XgenError(`type ${name} defined twice`, m.ast.file, d.line);
        this.types.set(name, { def: d, module: m.id });
        if (d.kind === 'enum') {
          let prev = -1n;
          for (const mem of d.members) {
            prev = mem.value === null ? prev + 1n : this.value(mem.value, m.ast.file, mem.line);
            this.setValue(mem.name, prev, `${m.ast.file}:${mem.line}`);
          }
        }
      }
    }
  }

  private setValue(name: string, value: bigint, where: string): void {
    const old = this.values.get(name);
    if (old && old.value !== value) throw new Error(`${where}: ${name} = ${value} but ${old.where} says ${old.value}`);
    this.values.set(name, { value, where });
  }

  /** The number a size, const or case value stands for. */
  value(v: Value, file: string, line: number): bigint {
    if (v.kind === 'literal') return parseIntLiteral(v.text);
    const known = this.values.get(v.name);
    if (known === undefined) throw new XgenError(`unknown constant ${v.name}`, file, line);
    return known.value;
  }

  num(v: Value, file: string, line: number): number {
    const n = this.value(v, file, line);
    if (n < 0n || n > 0xffff_ffffn) throw new XgenError(`size ${n} out of range`, file, line);
    return Number(n);
  }

  typeDef(name: string, file: string, line: number): TypeDef {
    const t = this.types.get(name);
    if (t === undefined) throw new XgenError(`unknown type ${name}`, file, line);
    return t.def;
  }

  hasType(name: string): boolean {
    return this.types.has(name);
  }

  /** The TS name of a .x type (also the name of its codec, except for enums). */
  tsName(name: string): string {
    return pascalCase(name);
  }

  /** The name of the codec of a .x type: enums keep their value object under the plain name. */
  codecName(name: string, file: string, line: number): string {
    const def = this.typeDef(name, file, line);
    return def.kind === 'enum' ? `${pascalCase(name)}Codec` : pascalCase(name);
  }
}
