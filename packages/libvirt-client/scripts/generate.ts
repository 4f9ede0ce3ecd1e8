// Generates src/gen from libvirt's protocol files.
//
// The protocol files are libvirt's own: src/rpc/virnetprotocol.x, src/rpc/virkeepaliveprotocol.x,
// src/remote/{remote,qemu,lxc}_protocol.x, include/libvirt/*.h and src/libvirt_internal.h, laid out
// as in libvirt's source tree. They are read from $LIBVIRT_PROTOCOL_DIR (a libvirt source tree
// works), else from `<repo>/../shared/libvirt-protocol`.
//
// Exit codes:
//   0  wrote src/gen (or, with --check, src/gen is up to date)
//   1  --check: src/gen differs from what the protocol files give (the files are listed)
//   2  the protocol files are there but one is missing or does not parse (named in the message)
//   3  skipped: no protocol files here (the message says where they come from); nothing was
//      checked or written. scripts/test-all.sh counts this as a skip, not a failure.
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { haveProtocolFiles, missingProtocolMessage, protocolDir as protocolFilesDir } from './xgen/protocol-dir.js';
import { XgenError } from './xgen/errors.js';
import { ExprError } from './xgen/expr.js';
import { generateAll } from './xgen/pipeline.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const protocolDir = protocolFilesDir();
const genDir = join(packageDir, 'src', 'gen');

/** Exit code of a run that found no protocol files: nothing checked, nothing written. */
const EXIT_SKIPPED = 3;
const EXIT_BAD_INPUT = 2;

/** A protocol file that is missing or unreadable (the message names it). */
function isFileError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).path === 'string';
}

function isGenerated(name: string): boolean {
  return name.endsWith('.gen.ts') || name === 'index.ts';
}

function main(): number {
  const check = process.argv.includes('--check');
  if (!haveProtocolFiles(protocolDir)) {
    console.error(missingProtocolMessage(protocolDir));
    return EXIT_SKIPPED;
  }
  let files: Map<string, string>;
  try {
    files = generateAll(protocolDir);
  } catch (e) {
    if (!(e instanceof XgenError || e instanceof ExprError || isFileError(e))) throw e;
    console.error(`cannot generate from ${protocolDir}: ${e.message}`);
    return EXIT_BAD_INPUT;
  }
  const onDisk = existsSync(genDir) ? readdirSync(genDir).filter(isGenerated) : [];
  const stale = onDisk.filter((f) => !files.has(f)).sort();
  if (check) {
    const differing = [...files.keys()].sort().filter((f) => {
      const p = join(genDir, f);
      return !existsSync(p) || readFileSync(p, 'utf8') !== files.get(f);
    });
    const bad = [...differing, ...stale.map((f) => `${f} (not generated any more)`)];
    if (bad.length > 0) {
      console.error(`src/gen is out of date; run \`pnpm --filter @virtdeck/libvirt-client gen\`:\n  ${bad.join('\n  ')}`);
      return 1;
    }
    console.log(`src/gen is up to date (${files.size} files)`);
    return 0;
  }
  mkdirSync(genDir, { recursive: true });
  for (const [name, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const p = join(genDir, name);
    if (!existsSync(p) || readFileSync(p, 'utf8') !== text) writeFileSync(p, text);
  }
  for (const f of stale) unlinkSync(join(genDir, f));
  console.log(`wrote ${files.size} files to ${genDir}${stale.length > 0 ? `, removed ${stale.join(', ')}` : ''}`);
  return 0;
}

process.exitCode = main();
