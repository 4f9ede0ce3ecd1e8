// Recursive-descent parser of the rpcgen XDR dialect (RFC 4506 section 6 plus rpcgen's
// `%` lines, `unsigned` alone, `char`/`short`, and `struct x` as a type reference).
// `program` blocks are not supported: libvirt numbers its procedures with an enum.
import type { Declaration, Definition, EnumMember, PrimitiveName, Shape, TypeSpec, UnionArm, Value, XFile } from './ast.js';
import { XgenError } from './errors.js';
import { tokenize, type Token } from './lexer.js';

export function parseX(src: string, file: string): XFile {
  return new Parser(tokenize(src, file), file).file();
}

/** The `@key: value` lines of a comment, in order; repeated keys (`@acl`) keep every value. */
export function parseAnnotations(doc: string | null): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  if (doc === null) return out;
  for (const raw of doc.split('\n')) {
    const m = /^\s*\*?\s*@(\w+)\s*:\s*(.*?)\s*$/.exec(raw);
    if (!m) continue;
    const key = m[1] as string;
    const list = out.get(key) ?? [];
    list.push(m[2] as string);
    out.set(key, list);
  }
  return out;
}

class Parser {
  private i = 0;
  private readonly passthrough: string[] = [];

  constructor(
    private readonly toks: readonly Token[],
    private readonly fileName: string,
  ) {}

  file(): XFile {
    const defs: Definition[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'passthrough') {
        this.passthrough.push(t.text);
        this.i++;
        continue;
      }
      defs.push(this.definition());
    }
    return { file: this.fileName, definitions: defs, passthrough: this.passthrough };
  }

  private peek(): Token {
    // Passthrough lines can only appear between definitions; inside one they are an error.
    return this.toks[this.i] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private fail(msg: string, t: Token = this.peek()): never {
    throw new XgenError(`${msg} (at ${t.kind === 'eof' ? 'end of file' : JSON.stringify(t.text)})`, this.fileName, t.line);
  }

  private expect(text: string): Token {
    const t = this.next();
    if (t.text !== text || (t.kind !== 'punct' && t.kind !== 'ident')) this.fail(`expected ${JSON.stringify(text)}`, t);
    return t;
  }

  private accept(text: string): boolean {
    const t = this.peek();
    if ((t.kind === 'punct' || t.kind === 'ident') && t.text === text) {
      this.i++;
      return true;
    }
    return false;
  }

  private ident(): Token {
    const t = this.next();
    if (t.kind !== 'ident') this.fail('expected an identifier', t);
    return t;
  }

  private value(): Value {
    const neg = this.accept('-');
    const t = this.next();
    if (t.kind === 'number') return { kind: 'literal', text: neg ? `-${t.text}` : t.text };
    if (t.kind === 'ident' && !neg) return { kind: 'ref', name: t.text };
    return this.fail('expected a number or a constant name', t);
  }

  private definition(): Definition {
    const t = this.ident();
    let def: Definition;
    switch (t.text) {
      case 'const': {
        const name = this.ident().text;
        this.expect('=');
        def = { kind: 'const', name, value: this.value(), line: t.line };
        break;
      }
      case 'typedef':
        def = { kind: 'typedef', decl: this.declaration(), line: t.line };
        break;
      case 'enum': {
        const name = this.ident().text;
        def = { kind: 'enum', name, members: this.enumBody(), line: t.line };
        break;
      }
      case 'struct': {
        const name = this.ident().text;
        def = { kind: 'struct', name, fields: this.structBody(), line: t.line };
        break;
      }
      case 'union':
        def = this.union(t.line);
        break;
      default:
        return this.fail(`unsupported definition ${JSON.stringify(t.text)}`, t);
    }
    this.expect(';');
    return def;
  }

  private enumBody(): EnumMember[] {
    this.expect('{');
    const members: EnumMember[] = [];
    for (;;) {
      const t = this.ident();
      const value = this.accept('=') ? this.value() : null;
      members.push({ name: t.text, value, line: t.line, annotations: parseAnnotations(t.doc) });
      if (this.accept(',')) {
        if (this.accept('}')) break; // trailing comma
        continue;
      }
      this.expect('}');
      break;
    }
    return members;
  }

  private structBody(): Declaration[] {
    this.expect('{');
    const fields: Declaration[] = [];
    while (!this.accept('}')) {
      fields.push(this.declaration());
      this.expect(';');
    }
    if (fields.length === 0) this.fail('empty struct');
    return fields;
  }

  private union(line: number): Definition {
    const name = this.ident().text;
    this.expect('switch');
    this.expect('(');
    const discriminant = this.declaration();
    this.expect(')');
    this.expect('{');
    const arms: UnionArm[] = [];
    let hasDefault = false;
    while (!this.accept('}')) {
      const cases: Value[] = [];
      if (this.accept('default')) {
        if (hasDefault) this.fail('second default arm');
        hasDefault = true;
        this.expect(':');
      } else {
        do {
          this.expect('case');
          cases.push(this.value());
          this.expect(':');
        } while (this.peek().text === 'case');
      }
      const decl = this.accept('void') ? null : this.declaration();
      this.expect(';');
      arms.push({ cases, decl });
    }
    return { kind: 'union', name, discriminant, arms, hasDefault, line };
  }

  private typeSpec(): TypeSpec {
    const t = this.ident();
    const prim = (name: PrimitiveName): TypeSpec => ({ kind: 'primitive', name });
    switch (t.text) {
      case 'unsigned': {
        const n = this.peek();
        if (n.kind === 'ident' && ['int', 'hyper', 'char', 'short', 'long'].includes(n.text)) {
          this.i++;
          if (n.text === 'long') return prim('unsigned int');
          return prim(`unsigned ${n.text}` as PrimitiveName);
        }
        return prim('unsigned int');
      }
      case 'int':
      case 'hyper':
      case 'float':
      case 'double':
      case 'bool':
      case 'char':
      case 'short':
        return prim(t.text);
      case 'long':
        return prim('int');
      case 'string':
        return { kind: 'string' };
      case 'opaque':
        return { kind: 'opaque' };
      case 'struct':
      case 'union':
      case 'enum':
        return { kind: 'named', name: this.ident().text };
      case 'quadruple':
        return this.fail('quadruple is not supported', t);
      default:
        return { kind: 'named', name: t.text };
    }
  }

  private declaration(): Declaration {
    const line = this.peek().line;
    const type = this.typeSpec();
    let shape: Shape;
    let name: string;
    if (this.accept('*')) {
      name = this.ident().text;
      shape = { kind: 'optional' };
    } else {
      name = this.ident().text;
      if (this.accept('[')) {
        shape = { kind: 'fixed', size: this.value() };
        this.expect(']');
      } else if (this.accept('<')) {
        shape = this.accept('>') ? { kind: 'variable', max: null } : { kind: 'variable', max: this.value() };
        if (shape.max !== null) this.expect('>');
      } else {
        shape = { kind: 'plain' };
      }
    }
    if (type.kind === 'string' && shape.kind !== 'variable') this.fail(`string ${name} needs <max> or <>`);
    if (type.kind === 'opaque' && shape.kind !== 'variable' && shape.kind !== 'fixed') this.fail(`opaque ${name} needs [n] or <max>`);
    return { name, type, shape, line };
  }
}
