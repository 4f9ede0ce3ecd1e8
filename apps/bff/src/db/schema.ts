// The BFF's persistent state, as Kysely sees it. One schema for SQLite and PostgreSQL, so the
// column types are the ones both agree on: every timestamp is epoch milliseconds in an integer
// column (PostgreSQL `bigint`, read back as a JS number), booleans are 0/1 integers, ids are
// text (UUIDs, or the hex sha256 of a secret), lists are JSON text. Keep this file in step with
// the migrations in ./migrations/.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CONSOLE_KINDS = ['vnc', 'spice', 'serial'] as const;
export type ConsoleKind = (typeof CONSOLE_KINDS)[number];

export const AUDIT_RESULTS = ['ok', 'error'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface UsersTable {
  id: string;
  /** Lower case ([a-z0-9._-]); unique on lower(username) as well, so case never makes two. */
  username: string;
  password_hash: string;
  role: Role;
  /** JSON array of host ids the user may see; NULL means every host. */
  host_ids: string | null;
  created_at: number;
  /** 0 or 1. */
  disabled: number;
}

export interface SessionsTable {
  /** Hex sha256 of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface HostsTable {
  id: string;
  name: string;
  uri: string;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  user_id: string | null;
  /** Kept as written, so the entry still reads right after the user is deleted. */
  username: string;
  host_id: string | null;
  object_type: string;
  object_name: string;
  action: string;
  result: AuditResult;
  detail: string | null;
}

export interface LoginAttemptsTable {
  key: string;
  at: number;
}

export interface ConsoleTicketsTable {
  /** Hex sha256 of the ticket. */
  id: string;
  user_id: string;
  host_id: string;
  domain_uuid: string;
  kind: ConsoleKind;
  expires_at: number;
  used_at: number | null;
  /** Connections admitted so far, and how many the ticket admits (SPICE: one per channel). */
  uses: Generated<number>;
  max_uses: Generated<number>;
}

export interface HostPoolRootsTable {
  host_id: string;
  /** An absolute path, normalised (no trailing '/'): pools may use it and what lies below it. */
  path: string;
}

export interface JobClaimsTable {
  /** What runs, e.g. `metrics:<hostId>` or `backup-schedule:<id>`. */
  job: string;
  /** Which run of it, e.g. the tick's or the due time's epoch ms as text. */
  slot: string;
  /** The replica that claimed it (jobs/replica-id.ts). */
  claimed_by: string;
  claimed_at: number;
}

export const JOB_KINDS = ['blockjob', 'snapshot', 'backup', 'restore', 'clone'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** `missed`: a scheduled run whose due time passed while no BFF ran. */
export const JOB_OUTCOMES = ['ok', 'failed', 'cancelled', 'missed'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

export interface JobHistoryTable {
  id: string;
  host_id: string;
  domain_uuid: string;
  kind: JobKind;
  detail: string | null;
  /** Username, or `schedule:<name>` for a scheduled run. */
  actor: string | null;
  started_at: number;
  /** Both null while the job runs (or when the BFF stopped before it ended). */
  ended_at: number | null;
  outcome: JobOutcome | null;
  error: string | null;
}

export interface DomainLifecycleTable {
  id: Generated<number>;
  at: number;
  host_id: string;
  domain_uuid: string;
  domain_name: string;
  /** libvirt's event and detail names (started/booted, stopped/destroyed, ...). */
  event: string | null;
  detail: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** Hex sha256 of the secret; the secret itself is shown once and never stored. */
  secret_hash: string;
  /** The most the token may do; the owner's own role caps it further at every use. */
  role: Role;
  /** JSON array of host ids; NULL means the owner's hosts. */
  host_ids: string | null;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  last_used_ip: string | null;
  revoked_at: number | null;
}

export interface MetricSeriesTable {
  id: Generated<number>;
  host_id: string;
  kind: 'host' | 'vm';
  /** The VM's UUID; '' for the host's own series. */
  key: string;
}

export interface MetricSamplesTable {
  series_id: number;
  /** 0 (the collector's interval), 1 (1 min), 2 (15 min): src/metrics/tiers.ts. */
  tier: number;
  at: number;
  /** A packed sample (src/metrics/sample-codec.ts). */
  data: Uint8Array;
}

export const SCHEDULE_FREQUENCIES = ['daily', 'weekly'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];
export const SCHEDULE_RUN_STATUSES = ['running', 'ok', 'failed', 'missed'] as const;
export type ScheduleRunStatus = (typeof SCHEDULE_RUN_STATUSES)[number];

export interface BackupSchedulesTable {
  id: string;
  host_id: string;
  name: string;
  /** 'vms': `target` is a JSON array of VM UUIDs; 'tag': `target` is the tag. */
  target_kind: 'vms' | 'tag';
  target: string;
  frequency: ScheduleFrequency;
  /** 0 = Sunday; null for daily. */
  weekday: number | null;
  /** Minutes after midnight, UTC. */
  minute_of_day: number;
  keep_full_sets: number;
  /** 0 or 1. */
  enabled: number;
  created_at: number;
  created_by: string;
  /** Every due time up to and including this one has been run or reported missed. */
  handled_until: number;
}

export interface BackupScheduleRunsTable {
  schedule_id: string;
  due_at: number;
  status: ScheduleRunStatus;
  started_at: number | null;
  ended_at: number | null;
  detail: string | null;
}

export interface VmTagsTable {
  host_id: string;
  domain_uuid: string;
  tag: string;
}

export interface LiveEventsTable {
  /** The event's id on every replica (`<epoch>-<id>`): rows commit in id order. */
  id: Generated<number>;
  host_id: string | null;
  at: number;
  /** The event as JSON (@virtdeck/contract/live). */
  event: string;
}

export interface LeasesTable {
  name: string;
  /** The replica that holds it (jobs/replica-id.ts). */
  holder: string;
  /** Epoch ms on the database's clock; past it, any replica may take the lease. */
  expires_at: number;
}

export interface ClusterFactsTable {
  /** `live-epoch`: the prefix of live-event ids, the same on every replica of this database. */
  key: string;
  value: string;
}

export const BACKUP_KINDS = ['full', 'incremental'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export const BACKUP_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

export interface BackupTargetsTable {
  host_id: string;
  /** The directory pool backups of this host's VMs go to (an admin's choice). */
  pool: string;
  set_by: string | null;
  set_at: number;
}

export interface BackupsTable {
  id: string;
  host_id: string;
  domain_uuid: string;
  /** The VM's name when it was backed up. */
  domain_name: string;
  /** The set's full backup (a full's own id). */
  set_id: string;
  /** The point this incremental reads through; null for a full. */
  parent_id: string | null;
  kind: BackupKind;
  status: BackupStatus;
  /** The target pool the volumes are in. */
  pool: string;
  /** The libvirt checkpoint made with it; null when the VM's disks cannot hold one. */
  checkpoint: string | null;
  /** JSON: [{ disk, volume, path, capacity, format }] (backups/store.ts BackupDisk). */
  disks: string;
  /** The VM's persistent XML at the time, for a restore to a new VM. */
  domain_xml: string;
  size_bytes: number | null;
  actor: string | null;
  started_at: number;
  ended_at: number | null;
  error: string | null;
}

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  hosts: HostsTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptsTable;
  console_tickets: ConsoleTicketsTable;
  host_pool_roots: HostPoolRootsTable;
  job_history: JobHistoryTable;
  domain_lifecycle: DomainLifecycleTable;
  backup_schedules: BackupSchedulesTable;
  backup_schedule_runs: BackupScheduleRunsTable;
  vm_tags: VmTagsTable;
  job_claims: JobClaimsTable;
  backup_targets: BackupTargetsTable;
  backups: BackupsTable;
  api_tokens: ApiTokensTable;
  live_events: LiveEventsTable;
  leases: LeasesTable;
  cluster_facts: ClusterFactsTable;
  metric_series: MetricSeriesTable;
  metric_samples: MetricSamplesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type HostRow = Selectable<HostsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
