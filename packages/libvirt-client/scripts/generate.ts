// Generates src/gen from libvirt's protocol files. `--check` regenerates in memory and exits
// 1, listing the files that differ from what is on disk (CI runs it to catch hand edits and
// forgotten regenerations). The protocol folder is $LIBVIRT_PROTOCOL_DIR, else
// `<repo>/../shared/libvirt-protocol`.
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAll } from './xgen/pipeline.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const protocolDir = process.env['LIBVIRT_PROTOCOL_DIR'] ?? join(repoRoot, '..', 'shared', 'libvirt-protocol');
const genDir = join(packageDir, 'src', 'gen');

function isGenerated(name: string): boolean {
  return name.endsWith('.gen.ts') || name === 'index.ts';
}

function main(): number {
  const check = process.argv.includes('--check');
  if (!existsSync(join(protocolDir, 'src/remote/remote_protocol.x'))) {
    console.error(`libvirt protocol files not found in ${protocolDir} (set LIBVIRT_PROTOCOL_DIR)`);
    return 2;
  }
  const files = generateAll(protocolDir);
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
