// Procedure and message tables of one program (REMOTE, QEMU, LXC, KEEPALIVE).
//
// A procedure whose payload struct is `<prog>_<name>_msg` is an event: the daemon sends it
// as a MESSAGE packet with serial 0 and the client never calls it, so it goes into
// `<prog>Messages` (MessageDef) and NOT into `<prog>Procedures`. Every other procedure is in
// `<prog>Procedures` (ProcedureDef). Together the two tables cover every procedure number,
// and `<prog>ProcedureNames` names all of them for diagnostics.
import type { Definition } from './ast.js';
import { XgenError } from './errors.js';
import type { Model, XModule } from './model.js';
import { camelCase, pascalCase } from './names.js';
import type { OutFile } from './outfile.js';
import { procedureStructOverrides, unclaimedPayloadStructs, type ProgramSpec } from './overrides.js';

export interface ProcedureInfo {
  readonly name: string;
  readonly key: string;
  readonly number: number;
  readonly args: string | null;
  readonly ret: string | null;
  readonly msg: string | null;
  readonly stream: 'none' | 'read' | 'write';
  readonly highPriority: boolean;
}

export function collectProcedures(model: Model, mod: XModule, spec: ProgramSpec): ProcedureInfo[] {
  const file = mod.ast.file;
  const prog = spec.prefix.toLowerCase();
  const enumName = `${prog}_procedure`;
  const def = mod.ast.definitions.find((d): d is Extract<Definition, { kind: 'enum' }> => d.kind === 'enum' && d.name === enumName);
  if (def === undefined) throw new XgenError(`no enum ${enumName}`, file, 1);
  const structs = new Set(mod.ast.definitions.filter((d) => d.kind === 'struct').map((d) => (d as { name: string }).name));
  const claimed = new Set<string>();
  const procPrefix = `${spec.prefix}_PROC_`;
  const out: ProcedureInfo[] = [];
  const keys = new Set<string>();
  const numbers = new Set<number>();
  for (const m of def.members) {
    if (!m.name.startsWith(procPrefix)) throw new XgenError(`${m.name} does not start with ${procPrefix}`, file, m.line);
    const short = m.name.slice(procPrefix.length);
    const base = `${prog}_${short.toLowerCase()}`;
    const override = procedureStructOverrides[m.name] ?? {};
    const pick = (suffix: 'args' | 'ret' | 'msg'): string | null => {
      const o = override[suffix];
      if (o !== undefined) {
        if (o !== null && !structs.has(o)) throw new XgenError(`override ${m.name}.${suffix}: no struct ${o}`, file, m.line);
        if (o !== null) claimed.add(o);
        return o;
      }
      const name = `${base}_${suffix}`;
      if (!structs.has(name)) return null;
      claimed.add(name);
      return name;
    };
    const args = pick('args');
    const ret = pick('ret');
    const msg = pick('msg');
    if (msg !== null && (args !== null || ret !== null)) {
      throw new XgenError(`${m.name} has both a _msg and _args/_ret struct: add an override`, file, m.line);
    }
    const read = m.annotations.has('readstream');
    const write = m.annotations.has('writestream');
    if (read && write) throw new XgenError(`${m.name} both reads and writes a stream`, file, m.line);
    const number = Number(model.value({ kind: 'ref', name: m.name }, file, m.line));
    const key = camelCase(short);
    if (keys.has(key)) throw new XgenError(`two procedures map to the key ${key}`, file, m.line);
    if (numbers.has(number)) throw new XgenError(`procedure number ${number} repeated`, file, m.line);
    keys.add(key);
    numbers.add(number);
    out.push({
      name: m.name,
      key,
      number,
      args,
      ret,
      msg,
      stream: read ? 'read' : write ? 'write' : 'none',
      highPriority: (m.annotations.get('priority') ?? []).includes('high'),
    });
  }
  for (const s of structs) {
    if (/_(args|ret|msg)$/.test(s) && !claimed.has(s) && !(s in unclaimedPayloadStructs)) {
      throw new XgenError(`payload struct ${s} is used by no procedure: add it to overrides.ts`, file, 1);
    }
  }
  return out;
}

export function emitProcedures(out: OutFile, procs: readonly ProcedureInfo[], spec: ProgramSpec): void {
  const prog = spec.prefix.toLowerCase();
  const program = `${spec.prefix}_PROGRAM`;
  const version = `${spec.prefix}_PROTOCOL_VERSION`;
  out.uses.add(program);
  out.uses.add(version);
  const calls = procs.filter((p) => p.msg === null && !spec.messagesOnly);
  const messages = procs.filter((p) => p.msg !== null || spec.messagesOnly);
  const codec = (s: string | null): string => {
    if (s === null) {
      out.runtimeValues.add('xdrVoid');
      return 'xdrVoid';
    }
    out.uses.add(pascalCase(s));
    return pascalCase(s);
  };
  if (calls.length > 0) {
    out.runtimeTypes.add('ProcedureDef');
    out.runtimeTypes.add('StreamDirection');
    out.runtimeTypes.add('XdrCodec');
    out.push(
      `function call<A, R, S extends StreamDirection>(name: string, procedure: number, args: XdrCodec<A>, ret: XdrCodec<R>, stream: S, highPriority: boolean): ProcedureDef<A, R, S> {`,
      `  return { name, program: ${program}, version: ${version}, procedure, args, ret, stream, highPriority };`,
      '}',
      '',
      `/** Every ${spec.prefix} procedure the client calls, keyed by camelCase name (without ${spec.prefix}_PROC_). */`,
      `export const ${prog}Procedures = {`,
    );
    for (const p of calls) {
      out.push(`  ${p.key}: call('${p.name}', ${p.number}, ${codec(p.args)}, ${codec(p.ret)}, '${p.stream}', ${p.highPriority}),`);
    }
    out.push('} satisfies Record<string, ProcedureDef<unknown, unknown>>;', '');
    out.export(`${prog}Procedures`);
  }
  out.runtimeTypes.add('MessageDef');
  if (messages.length > 0) out.runtimeTypes.add('XdrCodec');
  out.push(
    ...(messages.length > 0
      ? [
          `function message<M>(name: string, procedure: number, msg: XdrCodec<M>): MessageDef<M> {`,
          `  return { name, program: ${program}, version: ${version}, procedure, msg };`,
          '}',
          '',
        ]
      : []),
    `/** Every ${spec.prefix} procedure the daemon sends as a MESSAGE packet (events), keyed by camelCase name. */`,
    `export const ${prog}Messages = {`,
  );
  for (const p of messages) out.push(`  ${p.key}: message('${p.name}', ${p.number}, ${codec(p.msg)}),`);
  out.push(
    '} satisfies Record<string, MessageDef<unknown>>;',
    '',
    `/** ${prog}Messages by procedure number, for routing incoming MESSAGE packets. */`,
    `export const ${prog}MessagesByProcedure: ReadonlyMap<number, MessageDef<unknown>> = new Map<number, MessageDef<unknown>>(`,
    `  Object.values<MessageDef<unknown>>(${prog}Messages).map((m): [number, MessageDef<unknown>] => [m.procedure, m]),`,
    ');',
    '',
    `/** The C name of every ${spec.prefix} procedure number, calls and messages alike. */`,
    `export const ${prog}ProcedureNames: Readonly<Record<number, string>> = {`,
  );
  for (const p of [...procs].sort((a, b) => a.number - b.number)) out.push(`  ${p.number}: '${p.name}',`);
  out.push('};');
  out.export(`${prog}Messages`);
  out.export(`${prog}MessagesByProcedure`);
  out.export(`${prog}ProcedureNames`);
}
