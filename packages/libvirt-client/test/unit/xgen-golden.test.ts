// Golden tests of the generator's emitters: a miniature protocol tree (test/fixtures/xgen/protocol,
// one of each construct: header enums and defines, consts, typedefs, optional and bounded
// strings, fixed opaques, arrays, structs, a union with a default arm, enums, calls, a stream
// procedure, an event, three programs) goes through the whole pipeline, and every file it writes
// must equal the committed test/fixtures/xgen/expected/<name>.golden. After an intended change
// to an emitter, review the diff of `npx vitest run test/unit/xgen-golden.test.ts -u`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateAll } from '../../scripts/xgen/pipeline.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/xgen');
const generated = generateAll(path.join(fixtures, 'protocol'));

describe('generator output for the miniature protocol tree', () => {
  it('writes one file per program, per remote object present, the constants and the index', () => {
    expect([...generated.keys()].sort()).toEqual([
      'constants.gen.ts',
      'index.ts',
      'keepalive.gen.ts',
      'lxc.gen.ts',
      'qemu.gen.ts',
      'remote-connect.gen.ts',
      'remote-domain-event.gen.ts',
      'remote-domain.gen.ts',
      'remote-procedures.gen.ts',
      'remote-storage.gen.ts',
      'virnet.gen.ts',
    ]);
  });

  for (const [name, text] of generated) {
    it(`${name} matches expected/${name}.golden`, async () => {
      await expect(text).toMatchFileSnapshot(path.join(fixtures, 'expected', `${name}.golden`));
    });
  }
});
