// constants.gen.ts: the enums and #define constants of libvirt's public C headers.
import type { HeaderConstants } from './cheader.js';
import { commonPrefix, pascalCase } from './names.js';
import type { OutFile } from './outfile.js';

export const CONSTANTS_ABOUT = [
  'Enums and constants of libvirt\'s public headers (include/libvirt/*.h, libvirt-common.h.in) and',
  'the driver features of src/libvirt_internal.h. A C `typedef enum { VIR_DOMAIN_RUNNING = 1, ... }',
  'virDomainState;` becomes `VirDomainState = { RUNNING: 1, ... } as const` (the prefix shared by all',
  'members stripped; it is named in the doc comment and by cEnumName()) and the type `VirDomainState`',
  '(union of its values). `_LAST` sentinels (under #ifdef VIR_ENUM_SENTINELS) are left out.',
  'Integer and string `#define`s keep their C names: `VIR_UUID_BUFLEN = 16`.',
];

function fileLabel(file: string): string {
  return file.replace(/^.*\/(include|src)\//, '$1/');
}

export function emitConstants(out: OutFile, h: HeaderConstants): void {
  const table: string[] = [];
  for (const e of h.enums) {
    if (e.members.length === 0) continue;
    const ts = pascalCase(e.name);
    const prefix = commonPrefix(e.members.map((m) => m.name));
    out.push('', `/** ${e.name} (${fileLabel(e.file)}): members are ${prefix}<key>. */`, `export const ${ts} = {`);
    for (const m of e.members) out.push(`  ${m.name.slice(prefix.length)}: ${m.value},`);
    out.push('} as const;', `export type ${ts} = (typeof ${ts})[keyof typeof ${ts}];`);
    out.export(ts);
    table.push(`  ${ts}: { prefix: '${prefix}', values: ${ts} },`);
  }
  out.push('');
  for (const d of h.defines) {
    const v = typeof d.value === 'string' ? `'${d.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(d.value);
    out.push(`export const ${d.name} = ${v};`);
    out.export(d.name);
  }
  out.push(
    '',
    'const cEnumTable = {',
    ...table,
    '} as const;',
    '',
    '/** The name of a generated C enum object. */',
    'export type CEnumName = keyof typeof cEnumTable;',
    '',
    '/**',
    ' * The C name of value `n` of a C enum, for diagnostics: `cEnumName(\'VirErrorNumber\', 3)` is',
    ' * `VIR_ERR_NO_SUPPORT`. Flag enums may give several names one value; the first declared wins.',
    ' */',
    'export function cEnumName(e: CEnumName, n: number): string | undefined {',
    '  const { prefix, values } = cEnumTable[e];',
    '  for (const [k, v] of Object.entries(values)) if (v === n) return `${prefix}${k}`;',
    '  return undefined;',
    '}',
  );
  out.export('CEnumName');
  out.export('cEnumName');
}
