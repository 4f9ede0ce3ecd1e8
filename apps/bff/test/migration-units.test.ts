// The pure parts of migration: the flags each choice sends, and the job statistics' fields named.
import { describe, expect, it } from 'vitest';
import { VirDomainMigrateFlags as F } from '@virtdeck/libvirt-client';
import { migrationProgressOf } from '../src/migration/progress.js';
import { migrateFlags } from '../src/migration/v3.js';

describe('migration flags', () => {
  it('a live migration with disks copied: live, non-shared disks, the definition moves, change protection', () => {
    const f = migrateFlags({ live: true, offline: false, copyDisks: ['vda'] });
    for (const flag of [F.LIVE, F.NON_SHARED_DISK, F.PERSIST_DEST, F.UNDEFINE_SOURCE, F.CHANGE_PROTECTION, F.ABORT_ON_ERROR]) expect(f & flag).toBe(flag);
    expect(f & F.OFFLINE).toBe(0);
    expect(f & F.PEER2PEER).toBe(0);
  });

  it('shared storage copies nothing; offline moves only the definition', () => {
    expect(migrateFlags({ live: true, offline: false, copyDisks: [] }) & F.NON_SHARED_DISK).toBe(0);
    const off = migrateFlags({ live: false, offline: true, copyDisks: [] });
    expect(off & F.OFFLINE).toBe(F.OFFLINE);
    expect(off & F.LIVE).toBe(0);
    expect(off & F.PERSIST_DEST).toBe(F.PERSIST_DEST);
  });
});

describe('migration progress from job statistics', () => {
  it('names the fields libvirt sends and leaves the missing ones null', () => {
    expect(migrationProgressOf({ time_elapsed: 4313, data_total: 134_610_944, data_processed: 74_183_680, data_remaining: 0, memory_bps: 45_040_000, downtime: 476 })).toEqual({
      elapsedMs: 4313,
      dataTotal: 134_610_944,
      dataProcessed: 74_183_680,
      dataRemaining: 0,
      memoryTotal: null,
      memoryProcessed: null,
      diskTotal: null,
      diskProcessed: null,
      memoryBps: 45_040_000,
      downtimeMs: 476,
    });
    expect(migrationProgressOf({ data_total: 2n ** 60n }).dataTotal).toBe(2 ** 60);
  });
});
