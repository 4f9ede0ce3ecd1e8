// src/gen against libvirt's own protocol files (../shared/libvirt-protocol or LIBVIRT_PROTOCOL_DIR):
// what the generator gives is what is committed. In a clone without the files this skips with
// the same reason `gen:check` prints (scripts/xgen/protocol-dir.ts).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateAll, readLibvirtVersion } from '../../scripts/xgen/pipeline.js';
import { haveProtocolFiles, missingProtocolMessage, protocolDir } from '../../scripts/xgen/protocol-dir.js';

const genDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/gen');
const dir = protocolDir();
const skipReason = haveProtocolFiles(dir) ? '' : ` (${missingProtocolMessage(dir).split('\n')[0]})`;

describe.skipIf(!haveProtocolFiles(dir))(`src/gen from libvirt's protocol files${skipReason}`, () => {
  it('is what the generator gives, file for file (what gen:check checks)', () => {
    const files = generateAll(dir);
    const committed = readdirSync(genDir).filter((f) => f.endsWith('.gen.ts') || f === 'index.ts');
    expect(committed.sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(readFileSync(path.join(genDir, name), 'utf8'), name).toBe(text);
  });

  it("names the libvirt release of the files in every header", () => {
    const version = readLibvirtVersion(dir);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const first = readFileSync(path.join(genDir, 'remote-domain.gen.ts'), 'utf8').split('\n', 1)[0];
    expect(first).toContain(`from libvirt ${version} protocol files. DO NOT EDIT.`);
  });
});
