// Live migration between two registered hosts: what the dialog sends and what the page shows while
// it runs. The target is a registered host's id, never a URI typed by the user.
import { z } from './zod-jitless.ts';

const hostId = z.string().min(1).max(128);

export const migrationModeSchema = z.enum(['live', 'offline']);
/** 'copy': the disks are copied to the target (NBD); 'shared': both hosts see the same files. */
export const migrationStorageSchema = z.enum(['copy', 'shared']);

export const migrateDomainSchema = z.object({
  uuid: z.uuid(),
  targetHostId: hostId,
  mode: migrationModeSchema.default('live'),
  storage: migrationStorageSchema.default('copy'),
  /** A cap on the migration's bandwidth in MiB/s (libvirt's migrate max speed); none: unlimited. */
  maxSpeedMiBs: z.number().int('a whole number').min(1, 'at least 1 MiB/s').max(100_000).optional(),
});
export type MigrateDomainInput = z.input<typeof migrateDomainSchema>;

export const migrationStatusSchema = z.object({ uuid: z.uuid() });

export type MigrationPhase = 'checking' | 'running' | 'completed' | 'failed' | 'cancelled';

/** Progress from the source's job statistics (virDomainGetJobStats); null where libvirt sent nothing. */
export interface MigrationProgress {
  elapsedMs: number | null;
  dataTotal: number | null;
  dataProcessed: number | null;
  dataRemaining: number | null;
  memoryTotal: number | null;
  memoryProcessed: number | null;
  diskTotal: number | null;
  diskProcessed: number | null;
  /** Bytes/s of the memory copy, as QEMU measures it. */
  memoryBps: number | null;
  /** How long the guest was paused for the switch-over (a completed live migration). */
  downtimeMs: number | null;
}

export interface MigrationStatus {
  uuid: string;
  name: string;
  sourceHostId: string;
  targetHostId: string;
  mode: z.infer<typeof migrationModeSchema>;
  storage: z.infer<typeof migrationStorageSchema>;
  phase: MigrationPhase;
  progress: MigrationProgress | null;
  /** Why it failed, in libvirt's words. */
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A host a VM may be migrated to, for the dialog's choice. */
export interface MigrationTarget {
  hostId: string;
  name: string;
  connected: boolean;
}
