// Backups with libvirt's backup API (virDomainBackupBegin, libvirt >= 6.0 with QEMU): push mode
// copies each disk into a target file while the guest runs, optionally recording a checkpoint in
// the same step, and from an earlier checkpoint only the blocks changed since. A backup is a
// domain job: its progress and outcome come from the job stats, and abortJob cancels it.
// The file-system freeze a consistent backup wants lives here too (it needs the guest agent).
import { remoteProcedures as rp, VirDomainBackupBeginFlags, VirDomainGetJobStatsFlags, VirDomainJobOperation, VirDomainJobType } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { enumName, flagsOf, type Flags } from './names.js';
import { resolveDomain, type DomainRef } from './refs.js';
import { decodeTypedParams, type TypedParams } from './typed-params.js';

export type JobTypeName = Lowercase<keyof typeof VirDomainJobType>;
export type JobOperationName = Lowercase<keyof typeof VirDomainJobOperation>;

/** A domain job's stats (virDomainGetJobStats), with the fields a backup reports named. */
export interface JobStats {
  /** 'none' when no job runs; with ['COMPLETED']: 'completed', 'failed' or 'cancelled'. */
  type: JobTypeName | null;
  operation: JobOperationName | null;
  elapsedMs: number | null;
  /** Bytes to copy, copied and left: the disk_* fields (a push backup, a copy), else the data_* ones (a migration). */
  bytesTotal: number | null;
  bytesProcessed: number | null;
  bytesRemaining: number | null;
  /** The 'success' field of a finished job, when the daemon sends it. */
  success: boolean | null;
  /** Why a job failed, when libvirt knows. */
  errorMessage: string | null;
  /** Every field as the daemon sent it. */
  raw: TypedParams;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);

/** Reads a decoded job-stats record (exported for unit tests). */
export function parseJobStats(type: number, raw: TypedParams): JobStats {
  const op = num(raw.operation);
  return {
    type: enumName(VirDomainJobType, type) as JobTypeName | null,
    operation: op === null ? null : (enumName(VirDomainJobOperation, op) as JobOperationName | null),
    elapsedMs: num(raw.time_elapsed),
    bytesTotal: num(raw.disk_total ?? raw.data_total),
    bytesProcessed: num(raw.disk_processed ?? raw.data_processed),
    bytesRemaining: num(raw.disk_remaining ?? raw.data_remaining),
    success: typeof raw.success === 'boolean' ? raw.success : null,
    errorMessage: typeof raw.errmsg === 'string' ? raw.errmsg : null,
    raw,
  };
}

export class Backups {
  constructor(private readonly rpc: RpcConnection) {}

  /**
   * Starts a backup job from <domainbackup> XML, with an optional <domaincheckpoint> created at
   * the same instant. It returns once the job runs; ['EXTERNAL'] (VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL)
   * writes into target files that exist already (e.g. volumes made with a backing file).
   */
  async begin(domain: DomainRef, backupXml: string, checkpointXml: string | null = null, flags?: Flags<typeof VirDomainBackupBeginFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, domain);
    await this.rpc.call(rp.domainBackupBegin, { dom, backup_xml: backupXml, checkpoint_xml: checkpointXml, flags: flagsOf(VirDomainBackupBeginFlags, flags) });
  }

  /** The running backup job's XML (VIR_ERR_NO_DOMAIN_BACKUP when none runs). */
  async getXml(domain: DomainRef): Promise<string> {
    const dom = await resolveDomain(this.rpc, domain);
    return (await this.rpc.call(rp.domainBackupGetXmlDesc, { dom, flags: 0 })).xml;
  }

  /** The current job's stats, or with ['COMPLETED'] the last finished job's (type 'none' when there is none). */
  async jobStats(domain: DomainRef, flags?: Flags<typeof VirDomainGetJobStatsFlags>): Promise<JobStats> {
    const dom = await resolveDomain(this.rpc, domain);
    const { type, params } = await this.rpc.call(rp.domainGetJobStats, { dom, flags: flagsOf(VirDomainGetJobStatsFlags, flags) });
    return parseJobStats(type, decodeTypedParams(params));
  }

  /** Cancels the domain's current job (a backup, a migration, a save). */
  async abortJob(domain: DomainRef): Promise<void> {
    const dom = await resolveDomain(this.rpc, domain);
    await this.rpc.call(rp.domainAbortJob, { dom });
  }

  /** Freezes the guest's file systems through its agent (all of them without `mountpoints`); returns how many. */
  async freezeFileSystems(domain: DomainRef, mountpoints: readonly string[] = []): Promise<number> {
    const dom = await resolveDomain(this.rpc, domain);
    return (await this.rpc.call(rp.domainFsfreeze, { dom, mountpoints: [...mountpoints], flags: 0 })).filesystems;
  }

  /** Thaws what freezeFileSystems froze; returns how many file systems were thawed. */
  async thawFileSystems(domain: DomainRef, mountpoints: readonly string[] = []): Promise<number> {
    const dom = await resolveDomain(this.rpc, domain);
    return (await this.rpc.call(rp.domainFsthaw, { dom, mountpoints: [...mountpoints], flags: 0 })).filesystems;
  }
}
