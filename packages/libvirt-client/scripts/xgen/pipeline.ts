// Reads the libvirt protocol folder and returns every generated file (name → content).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveHeaders, scanHeader, type HeaderConstants, type HeaderScan } from './cheader.js';
import { emitConstants, CONSTANTS_ABOUT } from './emit-constants.js';
import { collectProcedures, emitProcedures } from './emit-procedures.js';
import { TypeEmitter, TYPES_ABOUT } from './emit-types.js';
import { Model, type XModule } from './model.js';
import { OutFile } from './outfile.js';
import { programs } from './overrides.js';
import { parseX } from './parser.js';

/** The .x files, in dependency order (qemu and lxc use remote's types). */
const X_FILES: readonly { id: string; path: string }[] = [
  { id: 'virnet', path: 'src/rpc/virnetprotocol.x' },
  { id: 'keepalive', path: 'src/rpc/virkeepaliveprotocol.x' },
  { id: 'remote', path: 'src/remote/remote_protocol.x' },
  { id: 'qemu', path: 'src/remote/qemu_protocol.x' },
  { id: 'lxc', path: 'src/remote/lxc_protocol.x' },
];

/** Above this many lines a module's types spill into a next file (`remote-types-2.gen.ts`). */
const MAX_LINES_PER_FILE = 3000;

export function readHeaders(dir: string): HeaderConstants {
  const inc = join(dir, 'include/libvirt');
  const names = readdirSync(inc)
    .filter((f) => f.endsWith('.h') || f.endsWith('.h.in'))
    .sort();
  const scans: HeaderScan[] = names.map((f) => scanHeader(readFileSync(join(inc, f), 'utf8'), `include/libvirt/${f}`));
  // Only the driver-feature enum of the internal header is public protocol (CONNECT_SUPPORTS_FEATURE).
  const internal = scanHeader(readFileSync(join(dir, 'src/libvirt_internal.h'), 'utf8'), 'src/libvirt_internal.h');
  scans.push({ defines: [], enums: internal.enums.filter((e) => e.name === 'virDrvFeature') });
  return resolveHeaders(scans);
}

export function readModules(dir: string): XModule[] {
  return X_FILES.map((x) => ({ id: x.id, ast: parseX(readFileSync(join(dir, x.path), 'utf8'), x.path) }));
}

export function generateAll(dir: string): Map<string, string> {
  const headers = readHeaders(dir);
  const modules = readModules(dir);
  const model = new Model(modules, headers.values);
  const files: OutFile[] = [];

  const constants = new OutFile('constants.gen.ts', CONSTANTS_ABOUT);
  emitConstants(constants, headers);
  files.push(constants);

  for (const mod of modules) {
    const spec = programs.find((p) => p.module === mod.id);
    const single = mod.id !== 'remote';
    const about = (part: string): string[] => [`${part} of ${X_FILES.find((x) => x.id === mod.id)?.path ?? mod.id}.`, '', ...TYPES_ABOUT];
    let n = 1;
    let out = new OutFile(single ? `${mod.id}.gen.ts` : `${mod.id}-types-${n}.gen.ts`, about('Types and codecs'));
    files.push(out);
    for (const d of mod.ast.definitions) {
      if (!single && out.lines.length > MAX_LINES_PER_FILE) {
        n++;
        out = new OutFile(`${mod.id}-types-${n}.gen.ts`, about('Types and codecs (continued)'));
        files.push(out);
      }
      new TypeEmitter(model, out, mod.ast.file).definition(d);
    }
    if (spec !== undefined) {
      const procs = collectProcedures(model, mod, spec);
      let target = out;
      if (!single) {
        target = new OutFile(`${mod.id}-procedures.gen.ts`, [`Procedure and message tables of ${X_FILES.find((x) => x.id === mod.id)?.path ?? mod.id}.`]);
        files.push(target);
      } else {
        target.push('');
      }
      emitProcedures(target, procs, spec);
    }
  }

  const ownerOf = new Map<string, string>();
  for (const f of files) {
    for (const e of f.exports) {
      const prev = ownerOf.get(e);
      if (prev !== undefined) throw new Error(`${e} is exported by both ${prev} and ${f.name}`);
      ownerOf.set(e, f.name);
    }
  }
  const result = new Map<string, string>();
  for (const f of files) result.set(f.name, f.render(ownerOf));
  const index = new OutFile('index.ts', ['Re-exports every generated file.']);
  for (const f of files) index.push(`export * from './${f.name.replace(/\.ts$/, '.js')}';`);
  result.set(index.name, index.render(ownerOf));
  return result;
}
