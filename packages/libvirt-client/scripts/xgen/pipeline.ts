// Reads the libvirt protocol folder and returns every generated file (name → content).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveHeaders, scanHeader, type HeaderConstants, type HeaderScan } from './cheader.js';
import { emitConstants, CONSTANTS_ABOUT } from './emit-constants.js';
import { collectProcedures, emitProcedures } from './emit-procedures.js';
import { TypeEmitter, TYPES_ABOUT } from './emit-types.js';
import { XgenError } from './errors.js';
import { Model, type XModule } from './model.js';
import { remoteObjectOf, remoteObjects, type RemoteObject } from './object-groups.js';
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

/**
 * The libvirt release the files come from: `project(... version: 'X.Y.Z')` of a libvirt source
 * tree's meson.build, else the title of the protocol folder's README ("... (libvirt X.Y.Z)").
 */
export function readLibvirtVersion(dir: string): string {
  const meson = join(dir, 'meson.build');
  if (existsSync(meson)) {
    const m = /project\(\s*'libvirt'[^)]*?version\s*:\s*'(\d+\.\d+\.\d+)'/s.exec(readFileSync(meson, 'utf8'));
    if (m) return m[1] as string;
  }
  const readme = join(dir, 'README.md');
  if (existsSync(readme)) {
    const title = readFileSync(readme, 'utf8').split('\n', 1)[0] ?? '';
    const m = /\(libvirt (\d+\.\d+\.\d+)\)/.exec(title);
    if (m) return m[1] as string;
  }
  throw new XgenError("cannot tell libvirt's version: no `version: 'X.Y.Z'` in meson.build nor `(libvirt X.Y.Z)` in the README's title", dir, 1);
}

export function generateAll(dir: string): Map<string, string> {
  const headers = readHeaders(dir);
  const modules = readModules(dir);
  const version = readLibvirtVersion(dir);
  const model = new Model(modules, headers.values);
  const files: OutFile[] = [];

  const constants = new OutFile('constants.gen.ts', CONSTANTS_ABOUT);
  emitConstants(constants, headers);
  files.push(constants);

  for (const mod of modules) {
    const spec = programs.find((p) => p.module === mod.id);
    const source = X_FILES.find((x) => x.id === mod.id)?.path ?? mod.id;
    let last: OutFile;
    if (mod.id === 'remote') {
      // One file per libvirt object, in the order of remoteObjects.
      const byObject = new Map<RemoteObject, OutFile>();
      for (const id of Object.keys(remoteObjects) as RemoteObject[]) {
        byObject.set(id, new OutFile(`remote-${id}.gen.ts`, [`Types and codecs of ${source}: ${remoteObjects[id]}.`, '', ...TYPES_ABOUT]));
      }
      for (const d of mod.ast.definitions) {
        const out = byObject.get(remoteObjectOf(d.kind === 'typedef' ? d.decl.name : d.name))!;
        new TypeEmitter(model, out, mod.ast.file).definition(d);
      }
      const used = [...byObject.values()].filter((f) => f.lines.length > 0);
      files.push(...used);
      last = used.at(-1)!;
    } else {
      last = new OutFile(`${mod.id}.gen.ts`, [`Types and codecs of ${source}.`, '', ...TYPES_ABOUT]);
      files.push(last);
      for (const d of mod.ast.definitions) new TypeEmitter(model, last, mod.ast.file).definition(d);
    }
    if (spec !== undefined) {
      let target = last;
      if (mod.id === 'remote') {
        target = new OutFile(`${mod.id}-procedures.gen.ts`, [`Procedure and message tables of ${source}.`]);
        files.push(target);
      } else {
        target.push('');
      }
      emitProcedures(target, collectProcedures(model, mod, spec), spec);
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
  for (const f of files) result.set(f.name, f.render(ownerOf, version));
  const index = new OutFile('index.ts', ['Re-exports every generated file.']);
  for (const f of files) index.push(`export * from './${f.name.replace(/\.ts$/, '.js')}';`);
  result.set(index.name, index.render(ownerOf, version));
  return result;
}
