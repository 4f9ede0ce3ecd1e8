// A migration's progress from the source's job statistics (virDomainGetJobStats): while it runs,
// and, with COMPLETED, the figures of the one that just finished (downtime, total time).
import {
  decodeTypedParams,
  remoteProcedures as rp,
  VirDomainGetJobStatsFlags,
  VirDomainJobType,
  type DomainHandle,
  type Libvirt,
  type TypedParams,
} from '@virtdeck/libvirt-client';
import type { MigrationProgress } from '@virtdeck/contract/domain';

const num = (v: TypedParams[string] | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);

/** The job statistics' fields a migration reports, named (exported for the unit test). */
export function migrationProgressOf(raw: TypedParams): MigrationProgress {
  return {
    elapsedMs: num(raw.time_elapsed),
    dataTotal: num(raw.data_total),
    dataProcessed: num(raw.data_processed),
    dataRemaining: num(raw.data_remaining),
    memoryTotal: num(raw.memory_total),
    memoryProcessed: num(raw.memory_processed),
    diskTotal: num(raw.disk_total),
    diskProcessed: num(raw.disk_processed),
    memoryBps: num(raw.memory_bps),
    downtimeMs: num(raw.downtime),
  };
}

export interface JobSample {
  /** 'none' when the domain has no job (yet, or any more). */
  type: 'none' | 'running' | 'completed' | 'failed' | 'cancelled';
  progress: MigrationProgress;
}

const TYPES: Record<number, JobSample['type']> = {
  [VirDomainJobType.NONE]: 'none',
  [VirDomainJobType.BOUNDED]: 'running',
  [VirDomainJobType.UNBOUNDED]: 'running',
  [VirDomainJobType.COMPLETED]: 'completed',
  [VirDomainJobType.FAILED]: 'failed',
  [VirDomainJobType.CANCELLED]: 'cancelled',
};

/** The domain's current job, or with `completed` the last finished one (kept, so it can be read again). */
export async function jobSample(lv: Libvirt, dom: DomainHandle, completed = false): Promise<JobSample> {
  const flags = completed ? VirDomainGetJobStatsFlags.COMPLETED | VirDomainGetJobStatsFlags.KEEP_COMPLETED : 0;
  const r = await lv.call(rp.domainGetJobStats, { dom, flags });
  return { type: TYPES[r.type] ?? 'none', progress: migrationProgressOf(decodeTypedParams(r.params)) };
}

/** Cancels the domain's running job (here: the migration); the source keeps the guest. */
export async function abortJob(lv: Libvirt, dom: DomainHandle): Promise<void> {
  await lv.call(rp.domainAbortJob, { dom });
}
