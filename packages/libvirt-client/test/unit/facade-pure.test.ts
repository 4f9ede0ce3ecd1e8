// Pure parts of the facade: typed-params decoding and encoding, event and enum names, error predicates.
import { describe, expect, it } from 'vitest';
import { LibvirtError, TransportError } from '../../src/errors.js';
import { VirDomainUndefineFlagsValues, VirErrorDomain, VirErrorNumber } from '../../src/gen/index.js';
import { domainStateReasonName } from '../../src/facade/domains.js';
import {
  hasErrorCode,
  isNoDomain,
  isNoDomainSnapshot,
  isNoStoragePool,
  isNoStorageVol,
  isNoSupport,
  isOperationInvalid,
  isUnknownProcedure,
} from '../../src/facade/errors.js';
import {
  blockJobStatusName,
  blockJobTypeName,
  domainLifecycleDetailName,
  domainLifecycleEventName,
  graphicsPhaseName,
  poolLifecycleEventName,
} from '../../src/facade/event-names.js';
import { enumName, flagNames, flagsOf } from '../../src/facade/names.js';
import { decodeTypedParams, encodeTypedParams } from '../../src/facade/typed-params.js';

describe('typed params', () => {
  it('decodes every type to plain JS values', () => {
    const rec = decodeTypedParams([
      { field: 'state.state', value: { type: 1, i: -1 } },
      { field: 'vcpu.current', value: { type: 2, ui: 4 } },
      { field: 'cpu.time', value: { type: 4, ul: 123_456_789_012n } },
      { field: 'huge', value: { type: 4, ul: 2n ** 63n } },
      { field: 'neg', value: { type: 3, l: -5n } },
      { field: 'ratio', value: { type: 5, d: 0.5 } },
      { field: 'flag', value: { type: 6, b: 1 } },
      { field: 'off', value: { type: 6, b: 0 } },
      { field: 'block.0.name', value: { type: 7, s: 'vda' } },
    ]);
    expect(rec).toEqual({
      'state.state': -1,
      'vcpu.current': 4,
      'cpu.time': 123_456_789_012,
      huge: 2n ** 63n,
      neg: -5,
      ratio: 0.5,
      flag: true,
      off: false,
      'block.0.name': 'vda',
    });
  });

  it('encodes by schema, leaving undefined out and refusing unknown fields', () => {
    expect(encodeTypedParams({ bandwidth: 'ULLONG', granularity: 'UINT' }, { bandwidth: 1024, granularity: undefined })).toEqual([
      { field: 'bandwidth', value: { type: 4, ul: 1024n } },
    ]);
    expect(() => encodeTypedParams({ a: 'INT' }, { b: 1 })).toThrow(RangeError);
  });
});

describe('event names', () => {
  it('names lifecycle events and details from the generated enums', () => {
    const cases: [number, number, string, string][] = [
      [0, 0, 'defined', 'added'],
      [1, 0, 'undefined', 'removed'],
      [2, 0, 'started', 'booted'],
      [3, 0, 'suspended', 'paused'],
      [4, 0, 'resumed', 'unpaused'],
      [5, 1, 'stopped', 'destroyed'],
      [6, 1, 'shutdown', 'guest'],
      [7, 0, 'pmsuspended', 'memory'],
      [8, 0, 'crashed', 'panicked'],
    ];
    for (const [event, detail, name, detailName] of cases) {
      expect(domainLifecycleEventName(event)).toBe(name);
      expect(domainLifecycleDetailName(event, detail)).toBe(detailName);
    }
    expect(domainLifecycleEventName(99)).toBeNull();
    expect(domainLifecycleDetailName(5, 99)).toBeNull();
  });

  it('names block job, graphics and pool events', () => {
    expect(blockJobStatusName(0)).toBe('completed');
    expect(blockJobStatusName(3)).toBe('ready');
    expect(blockJobTypeName(3)).toBe('commit');
    expect(blockJobTypeName(4)).toBe('active_commit');
    expect(graphicsPhaseName(2)).toBe('disconnect');
    expect(poolLifecycleEventName(2)).toBe('started');
  });

  it('names state reasons', () => {
    expect(domainStateReasonName(5, 2)).toBe('destroyed');
    expect(domainStateReasonName(1, 1)).toBe('booted');
    expect(domainStateReasonName(42, 0)).toBeNull();
  });

  it('flags by name', () => {
    expect(flagsOf(VirDomainUndefineFlagsValues, ['MANAGED_SAVE', 'NVRAM'])).toBe(5);
    expect(flagsOf(VirDomainUndefineFlagsValues, 3)).toBe(3);
    expect(flagsOf(VirDomainUndefineFlagsValues, undefined)).toBe(0);
    expect(flagNames(VirDomainUndefineFlagsValues, 5)).toEqual(['managed_save', 'nvram']);
    expect(enumName({ A: 0, B: 1, ALIAS: 1 }, 1)).toBe('b');
  });
});

describe('error predicates', () => {
  const err = (code: number, domain: number = VirErrorDomain.QEMU) => new LibvirtError('whatever the text says', code, domain);
  it('test codes, not messages', () => {
    expect(isNoDomain(err(VirErrorNumber.ERR_NO_DOMAIN))).toBe(true);
    expect(isNoDomain(new LibvirtError('no domain with matching name', VirErrorNumber.ERR_INTERNAL_ERROR, 0))).toBe(false);
    expect(isOperationInvalid(err(VirErrorNumber.ERR_OPERATION_INVALID))).toBe(true);
    expect(isNoStoragePool(err(VirErrorNumber.ERR_NO_STORAGE_POOL))).toBe(true);
    expect(isNoStorageVol(err(VirErrorNumber.ERR_NO_STORAGE_VOL))).toBe(true);
    expect(isNoDomainSnapshot(err(VirErrorNumber.ERR_NO_DOMAIN_SNAPSHOT))).toBe(true);
    expect(hasErrorCode(err(VirErrorNumber.ERR_NO_NETWORK), 'ERR_NO_NETWORK')).toBe(true);
  });

  it('isNoSupport covers NO_SUPPORT and the dispatcher refusing an unknown procedure', () => {
    expect(isNoSupport(err(VirErrorNumber.ERR_NO_SUPPORT))).toBe(true);
    const unknown = err(VirErrorNumber.ERR_RPC, VirErrorDomain.RPC);
    expect(isUnknownProcedure(unknown)).toBe(true);
    expect(isNoSupport(unknown)).toBe(true);
    // ERR_RPC from another domain is not the dispatcher's refusal.
    expect(isNoSupport(err(VirErrorNumber.ERR_RPC, VirErrorDomain.REMOTE))).toBe(false);
  });

  it('are false for other errors and non-errors', () => {
    for (const p of [isNoSupport, isNoDomain, isOperationInvalid]) {
      expect(p(new TransportError('gone'))).toBe(false);
      expect(p(new Error('x'))).toBe(false);
      expect(p(undefined)).toBe(false);
    }
  });
});
