import { assert, describe, expect, it } from 'vitest';
import type { Definition } from '../../scripts/xgen/ast.js';
import { resolveHeaders, scanHeader } from '../../scripts/xgen/cheader.js';
import { evaluate } from '../../scripts/xgen/expr.js';
import { camelCase, commonPrefix, pascalCase } from '../../scripts/xgen/names.js';
import { parseX } from '../../scripts/xgen/parser.js';
import {
  REMOTE_PROGRAM,
  REMOTE_PROC_DOMAIN_GET_XML_DESC,
  RemoteProcedure,
  remoteMessages,
  remoteProcedureNames,
  remoteProcedures,
  qemuProcedures,
  qemuMessages,
  lxcProcedures,
  keepaliveMessages,
  KEEPALIVE_PROGRAM,
  VirDomainState,
  VirDrvFeature,
  VirErrorNumber,
  VirTypedParameterType,
  VIR_UUID_BUFLEN,
  cEnumName,
} from '../../src/gen/index.js';

const defs = (src: string): readonly Definition[] => parseX(src, 'test.x').definitions;

describe('XDR parser', () => {
  it('constants, passthrough lines and comments', () => {
    const f = parseX('%#include "x.h"\n/* c */ const A = 0x10;\nconst B = -3; const C = A;\n', 'test.x');
    expect(f.passthrough).toEqual(['#include "x.h"']);
    expect(f.definitions).toEqual([
      { kind: 'const', name: 'A', value: { kind: 'literal', text: '0x10' }, line: 2 },
      { kind: 'const', name: 'B', value: { kind: 'literal', text: '-3' }, line: 3 },
      { kind: 'const', name: 'C', value: { kind: 'ref', name: 'A' }, line: 3 },
    ]);
  });

  it('typedefs of strings, opaques, optionals and arrays', () => {
    const d = defs(`
      typedef string s<MAX>; typedef string u<>; typedef opaque id[16]; typedef opaque blob<>;
      typedef s *opt; typedef int list<8>; typedef unsigned hyper big[2];`);
    const decls = d.map((x) => (x.kind === 'typedef' ? [x.decl.name, x.decl.type, x.decl.shape] : null));
    expect(decls).toEqual([
      ['s', { kind: 'string' }, { kind: 'variable', max: { kind: 'ref', name: 'MAX' } }],
      ['u', { kind: 'string' }, { kind: 'variable', max: null }],
      ['id', { kind: 'opaque' }, { kind: 'fixed', size: { kind: 'literal', text: '16' } }],
      ['blob', { kind: 'opaque' }, { kind: 'variable', max: null }],
      ['opt', { kind: 'named', name: 's' }, { kind: 'optional' }],
      ['list', { kind: 'primitive', name: 'int' }, { kind: 'variable', max: { kind: 'literal', text: '8' } }],
      ['big', { kind: 'primitive', name: 'unsigned hyper' }, { kind: 'fixed', size: { kind: 'literal', text: '2' } }],
    ]);
  });

  it('structs with every primitive spelling', () => {
    const [s] = defs('struct s { unsigned a; unsigned int b; unsigned char c; unsigned short d; char e[4]; bool f; hyper g; double h; float i; struct t j; };');
    assert(s?.kind === 'struct', `a struct, not ${s?.kind}`);
    expect(s.fields.map((f) => (f.type.kind === 'primitive' ? f.type.name : f.type.kind === 'named' ? `named ${f.type.name}` : f.type.kind))).toEqual([
      'unsigned int',
      'unsigned int',
      'unsigned char',
      'unsigned short',
      'char',
      'bool',
      'hyper',
      'double',
      'float',
      'named t',
    ]);
  });

  it('enums with values, implicit values, and procedure annotations', () => {
    const [e] = defs(`enum p {
      /* not an annotation: - @generate: none|client */
      /**
       * @generate: both
       * @priority: high
       * @acl: domain:read
       * @acl: domain:write
       */
      P_ONE = 1,
      /** @readstream: 1 */
      P_TWO,
      P_TEN = TEN
    };`);
    assert(e?.kind === 'enum', `an enum, not ${e?.kind}`);
    expect(e.members.map((m) => [m.name, m.value])).toEqual([
      ['P_ONE', { kind: 'literal', text: '1' }],
      ['P_TWO', null],
      ['P_TEN', { kind: 'ref', name: 'TEN' }],
    ]);
    expect(Object.fromEntries(e.members[0]?.annotations ?? [])).toEqual({ generate: ['both'], priority: ['high'], acl: ['domain:read', 'domain:write'] });
    expect(Object.fromEntries(e.members[1]?.annotations ?? [])).toEqual({ readstream: ['1'] });
    expect(e.members[2]?.annotations.size).toBe(0);
  });

  it('unions with shared cases, void arms and default', () => {
    const [u] = defs('union u switch (int kind) { case 1: case 2: int a; case K: void; default: string s<>; };');
    assert(u?.kind === 'union', `a union, not ${u?.kind}`);
    expect(u.discriminant.name).toBe('kind');
    expect(u.hasDefault).toBe(true);
    expect(u.arms.map((a) => [a.cases.length, a.decl?.name ?? null])).toEqual([
      [2, 'a'],
      [1, null],
      [0, 's'],
    ]);
  });

  it('reports the line of a syntax error', () => {
    expect(() => parseX('const A = 1;\nstruct s { int };', 'bad.x')).toThrow(/bad\.x:2: expected an identifier/);
    expect(() => parseX('typedef string s;', 'bad.x')).toThrow(/needs <max>/);
    expect(() => parseX('program P { };', 'bad.x')).toThrow(/unsupported definition/);
  });
});

describe('C header scanner', () => {
  const h = `
#ifndef GUARD
# define GUARD
# define VIR_BUFLEN (4096 + 1)
# define VIR_NAME "cpu_shares"
# define VIR_FN(x) ((x) + 1)
# define VIR_ALIAS VIR_B_TWO
typedef enum {
    VIR_B_ONE = 1 << 0, /* first */
    VIR_B_TWO = (1 << 1),
    VIR_B_HIGH = 1U << 31,
    VIR_B_BOTH = VIR_B_ONE | VIR_B_TWO,
    VIR_B_NEXT,
# ifdef VIR_ENUM_SENTINELS
    VIR_B_LAST
# endif
} virB;
typedef enum {
    VIR_A_X = VIR_B_HIGH >> 30,
    VIR_A_Y = -2,
} virA;
#endif`;

  it('reads shifts, member references, implicit values and skips sentinels', () => {
    const scan = scanHeader(h, 'x.h');
    expect(scan.enums.map((e) => e.name)).toEqual(['virB', 'virA']);
    expect(scan.enums[0]?.members.map((m) => m.name)).toEqual(['VIR_B_ONE', 'VIR_B_TWO', 'VIR_B_HIGH', 'VIR_B_BOTH', 'VIR_B_NEXT']);
    const r = resolveHeaders([scan]);
    expect(r.enums[0]?.members.map((m) => m.value)).toEqual([1, 2, 2147483648, 3, 4]);
    expect(r.enums[1]?.members.map((m) => m.value)).toEqual([2, -2]);
    expect(r.defines).toEqual([
      { name: 'VIR_BUFLEN', value: 4097, file: 'x.h' },
      { name: 'VIR_NAME', value: 'cpu_shares', file: 'x.h' },
      { name: 'VIR_ALIAS', value: 2, file: 'x.h' },
    ]);
  });

  it('evaluates C constant expressions with precedence', () => {
    const none = (n: string): bigint => {
      throw new Error(n);
    };
    expect(evaluate('1 + 2 * 3', none)).toBe(7n);
    expect(evaluate('1 << 2 + 1', none)).toBe(8n);
    expect(evaluate('(1 | 2) & ~1', none)).toBe(2n);
    expect(evaluate('0x10 - 010', none)).toBe(8n);
    expect(evaluate('9007199254740991LL', none)).toBe(9007199254740991n);
  });
});

describe('names', () => {
  it('PascalCase, camelCase and enum prefixes', () => {
    expect(pascalCase('remote_domain_get_xml_desc_args')).toBe('RemoteDomainGetXmlDescArgs');
    expect(pascalCase('virNetMessageError')).toBe('VirNetMessageError');
    expect(camelCase('DOMAIN_EVENT_BLOCK_JOB_2')).toBe('domainEventBlockJob2');
    expect(commonPrefix(['VIR_DOMAIN_NOSTATE', 'VIR_DOMAIN_RUNNING'])).toBe('VIR_DOMAIN_');
    expect(commonPrefix(['VIR_X_1', 'VIR_X_2'])).toBe('VIR_');
    expect(commonPrefix(['VIR_ONLY_ONE'])).toBe('VIR_ONLY_');
  });
});

describe('generated tables', () => {
  const enumCount = Object.keys(RemoteProcedure).length;

  it('remoteProcedures and remoteMessages cover every REMOTE procedure exactly once', () => {
    expect(enumCount).toBe(453);
    const calls = Object.values(remoteProcedures).map((p) => p.procedure);
    const msgs = Object.values(remoteMessages).map((m) => m.procedure);
    const all = [...calls, ...msgs];
    expect(all).toHaveLength(453);
    expect(new Set(all).size).toBe(453);
    expect(new Set(all)).toEqual(new Set(Object.values(RemoteProcedure)));
    expect(Object.keys(remoteProcedureNames)).toHaveLength(453);
    for (const p of [...Object.values(remoteProcedures), ...Object.values(remoteMessages)]) {
      expect(p.program).toBe(REMOTE_PROGRAM);
      expect(p.version).toBe(1);
      expect(remoteProcedureNames[p.procedure]).toBe(p.name);
    }
  });

  it('classifies by the libvirt convention', () => {
    expect(REMOTE_PROGRAM).toBe(0x20008086);
    expect(remoteProcedures.connectOpen).toMatchObject({ name: 'REMOTE_PROC_CONNECT_OPEN', procedure: 1, stream: 'none', highPriority: true });
    expect(remoteProcedures.domainGetXmlDesc.procedure).toBe(REMOTE_PROC_DOMAIN_GET_XML_DESC);
    expect(remoteProcedures.storageVolDownload.stream).toBe('read');
    expect(remoteProcedures.storageVolUpload.stream).toBe('write');
    expect(remoteProcedures.domainOpenConsole.stream).toBe('read');
    expect(remoteMessages.domainEventCallbackLifecycle.name).toBe('REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE');
    expect('domainEventCallbackLifecycle' in remoteProcedures).toBe(false);
    expect(Object.keys(qemuProcedures)).toHaveLength(6);
    expect(Object.keys(qemuMessages)).toEqual(['domainMonitorEvent']);
    expect(Object.keys(lxcProcedures)).toEqual(['domainOpenNamespace']);
    expect(KEEPALIVE_PROGRAM).toBe(0x6b656570);
    expect(keepaliveMessages.ping.procedure).toBe(1);
    expect(keepaliveMessages.pong.procedure).toBe(2);
  });

  it('header constants', () => {
    expect(VirDomainState.RUNNING).toBe(1);
    expect(VirDrvFeature.PROGRAM_KEEPALIVE).toBe(10);
    expect(VirErrorNumber.ERR_NO_SUPPORT).toBe(3);
    expect(VirTypedParameterType.STRING).toBe(7);
    expect(VIR_UUID_BUFLEN).toBe(16);
    expect(cEnumName('VirErrorNumber', 3)).toBe('VIR_ERR_NO_SUPPORT');
    expect('LAST' in VirDomainState).toBe(false);
  });
});
