// Scanner of libvirt's public C headers: `#define NAME value` constants and
// `typedef enum { ... } name;` blocks. Members under `#ifdef VIR_ENUM_SENTINELS` (the `_LAST`
// sentinels) are dropped; every other conditional is read through (all branches), which is
// right for these headers: they only guard includes, C++ linkage and attribute macros.
import { XgenError } from './errors.js';
import { evaluate, ExprError } from './expr.js';

export interface RawDefine {
  readonly name: string;
  readonly value: string;
  readonly file: string;
  readonly line: number;
}

export interface RawEnumMember {
  readonly name: string;
  /** The expression after `=`, or null for "previous + 1". */
  readonly expr: string | null;
  readonly line: number;
}

export interface RawEnum {
  readonly name: string;
  readonly members: readonly RawEnumMember[];
  readonly file: string;
  readonly line: number;
}

export interface HeaderScan {
  readonly defines: readonly RawDefine[];
  readonly enums: readonly RawEnum[];
}

/** Blanks comments out, keeping newlines so offsets still map to lines. */
function stripComments(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, (c) => ' '.repeat(c.length));
}

export function scanHeader(src: string, file: string): HeaderScan {
  const lines = stripComments(src).replace(/\\\n/g, ' \n').split('\n');
  const defines: RawDefine[] = [];
  const code: string[] = [];
  const stack: boolean[] = []; // true: this conditional hides its body
  lines.forEach((text, idx) => {
    const pp = /^\s*#\s*(\w+)\s*(.*)$/.exec(text);
    if (!pp) {
      code.push(stack.includes(true) ? '' : text);
      return;
    }
    code.push('');
    const [, directive = '', rest = ''] = pp;
    if (directive === 'ifdef' || directive === 'if' || directive === 'ifndef') {
      stack.push(directive === 'ifdef' && rest.trim() === 'VIR_ENUM_SENTINELS');
    } else if (directive === 'endif') {
      if (stack.pop() === undefined) throw new XgenError('#endif without #if', file, idx + 1);
    } else if (directive === 'define' && !stack.includes(true)) {
      const m = /^(\w+)(\(?)\s*(.*?)\s*$/.exec(rest);
      if (m && m[2] === '' && m[3] !== '') defines.push({ name: m[1] as string, value: m[3] as string, file, line: idx + 1 });
    }
  });
  if (stack.length !== 0) throw new XgenError('unterminated #if', file, lines.length);
  const body = code.join('\n');
  const enums: RawEnum[] = [];
  const re = /typedef\s+enum\s*\w*\s*\{([^}]*)\}\s*(\w+)\s*;/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const startLine = lineAt(body, m.index);
    const inner = m[1] as string;
    const innerStart = m.index + m[0].indexOf('{') + 1;
    const members: RawEnumMember[] = [];
    let offset = 0;
    for (const part of inner.split(',')) {
      const at = innerStart + offset + (part.length - part.trimStart().length);
      offset += part.length + 1;
      const item = part.trim();
      if (item === '') continue;
      const mm = /^([A-Za-z_]\w*)\s*(?:=\s*([\s\S]+))?$/.exec(item);
      if (!mm) throw new XgenError(`cannot read enum member ${JSON.stringify(item)}`, file, lineAt(body, at));
      members.push({ name: mm[1] as string, expr: mm[2] === undefined ? null : (mm[2] as string).trim(), line: lineAt(body, at) });
    }
    enums.push({ name: m[2] as string, members, file, line: startLine });
  }
  return { defines, enums };
}

function lineAt(s: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

export interface ResolvedEnumMember {
  readonly name: string;
  readonly value: number;
}

export interface ResolvedEnum {
  readonly name: string;
  readonly file: string;
  readonly members: readonly ResolvedEnumMember[];
}

export interface ResolvedDefine {
  readonly name: string;
  readonly value: number | string;
  readonly file: string;
}

export interface HeaderConstants {
  readonly enums: readonly ResolvedEnum[];
  readonly defines: readonly ResolvedDefine[];
  /** Every integer name (enum members and numeric defines), for the .x files to refer to. */
  readonly values: ReadonlyMap<string, bigint>;
}

/**
 * Gives every enum member and define a value. Members and defines may refer to each other
 * in any order (a lazy, cycle-checked resolution). Defines that are not integer or string
 * constants (attribute macros, aliases of types, `@VERSION@` placeholders) are skipped.
 */
export function resolveHeaders(scans: readonly HeaderScan[]): HeaderConstants {
  const exprs = new Map<string, { expr: string; where: string; prev?: string }>();
  const add = (name: string, expr: string, where: string, prev?: string): void => {
    const old = exprs.get(name);
    if (old && !(old.expr === expr && old.prev === prev)) throw new ExprError(`${name} defined twice (${old.where}, ${where})`);
    exprs.set(name, prev === undefined ? { expr, where } : { expr, where, prev });
  };
  for (const s of scans) {
    for (const e of s.enums) {
      let prev: string | undefined;
      for (const m of e.members) {
        const where = `${e.file}:${m.line}`;
        if (m.expr !== null) add(m.name, m.expr, where);
        else if (prev === undefined) add(m.name, '0', where);
        else add(m.name, `${prev} + 1`, where);
        prev = m.name;
      }
    }
  }
  const stringDefines = new Map<string, string>();
  const defineExprs = new Map<string, RawDefine>();
  for (const s of scans) {
    for (const d of s.defines) {
      const str = /^"((?:[^"\\]|\\.)*)"$/.exec(d.value);
      if (str) stringDefines.set(d.name, JSON.parse(`"${str[1] as string}"`) as string);
      else if (!defineExprs.has(d.name) && !exprs.has(d.name)) defineExprs.set(d.name, d);
    }
  }
  const memo = new Map<string, bigint>();
  const busy = new Set<string>();
  const resolve = (name: string): bigint => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const src = exprs.get(name)?.expr ?? defineExprs.get(name)?.value;
    if (src === undefined) throw new ExprError(`unknown constant ${name}`);
    if (busy.has(name)) throw new ExprError(`constant ${name} refers to itself`);
    busy.add(name);
    try {
      const v = evaluate(src, resolve);
      memo.set(name, v);
      return v;
    } finally {
      busy.delete(name);
    }
  };
  const enums: ResolvedEnum[] = [];
  for (const s of scans) {
    for (const e of s.enums) {
      enums.push({ name: e.name, file: e.file, members: e.members.map((m) => ({ name: m.name, value: Number(resolve(m.name)) })) });
    }
  }
  const defines: ResolvedDefine[] = [];
  for (const s of scans) {
    for (const d of s.defines) {
      if (defines.some((x) => x.name === d.name)) continue;
      const str = stringDefines.get(d.name);
      if (str !== undefined) {
        defines.push({ name: d.name, value: str, file: d.file });
        continue;
      }
      try {
        defines.push({ name: d.name, value: Number(resolve(d.name)), file: d.file });
      } catch (err) {
        if (!(err instanceof ExprError)) throw err;
        // Not an integer constant (an attribute macro, a type alias, a placeholder).
      }
    }
  }
  for (const name of [...exprs.keys(), ...defineExprs.keys()]) {
    try {
      resolve(name);
    } catch (err) {
      if (!(err instanceof ExprError) || exprs.has(name)) throw err;
    }
  }
  return { enums, defines, values: memo };
}
