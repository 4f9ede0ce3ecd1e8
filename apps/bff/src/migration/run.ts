// Runs one migration and keeps its status for the page (and other browsers) to read while it
// runs and after it ends: the phase, the job statistics sampled from the source, and the outcome.
// Statuses live in this BFF's memory, one table per host manager (one per BFF), keyed by source
// host and domain UUID; a finished one stays until the same VM migrates again.
import { isNoDomain, isNoSupport, type DomainHandle, type Libvirt } from '@virtdeck/libvirt-client';
import type { MigrationStatus } from '@virtdeck/contract/domain';
import type { LiveEvent } from '@virtdeck/contract/live';
import type { HostManager } from '../hosts/host-manager.js';
import type { EventLog } from '../live/event-log.js';
import { abortJob, jobSample } from './progress.js';
import { migrateV3, type MigrateV3Options } from './v3.js';

interface Running {
  status: MigrationStatus;
  src: Libvirt;
  dom: DomainHandle;
  cancelRequested: boolean;
}

const tables = new WeakMap<HostManager, Map<string, Running>>();

function table(hosts: HostManager): Map<string, Running> {
  let t = tables.get(hosts);
  if (!t) tables.set(hosts, (t = new Map()));
  return t;
}

const key = (hostId: string, uuid: string) => `${hostId}/${uuid}`;

export function migrationStatus(hosts: HostManager, hostId: string, uuid: string): MigrationStatus | null {
  return table(hosts).get(key(hostId, uuid))?.status ?? null;
}

export function isMigrating(hosts: HostManager, hostId: string, uuid: string): boolean {
  const phase = migrationStatus(hosts, hostId, uuid)?.phase;
  return phase === 'checking' || phase === 'running';
}

/** How often the source's job statistics are read while a migration runs. */
const SAMPLE_MS = 500;

export interface MigrationRun {
  hosts: HostManager;
  sourceHostId: string;
  targetHostId: string;
  src: Libvirt;
  dst: Libvirt;
  dom: DomainHandle;
  uuid: string;
  mode: MigrationStatus['mode'];
  storage: MigrationStatus['storage'];
  options: MigrateV3Options;
  liveEvents: EventLog<LiveEvent>;
}

/**
 * libvirt 9.0 sends no event on the source when a migration undefines the domain there (an offline
 * one sends none at all): once the domain is gone from the source, its removal is announced like
 * an "undefined" event, so every browser's list and the BFF's list cache drop the row.
 */
async function announceDeparture(r: MigrationRun): Promise<void> {
  const gone = await r.src.domains.lookup(r.uuid).then(
    () => false,
    (e: unknown) => isNoDomain(e),
  );
  if (gone) r.liveEvents.push({ kind: 'lifecycle', hostId: r.sourceHostId, domain: { name: r.dom.name, uuid: r.uuid }, event: 'undefined', detail: 'migrated', row: null });
}

/** The completed job's statistics (downtime, total time): the target keeps them for the guest it received. */
async function finalProgress(dst: Libvirt, handle: DomainHandle, last: MigrationStatus['progress']): Promise<MigrationStatus['progress']> {
  try {
    const s = await jobSample(dst, handle, true);
    return s.type === 'completed' ? s.progress : last;
  } catch (e) {
    if (isNoSupport(e) || isNoDomain(e)) return last;
    throw e;
  }
}

/** Runs the migration to its end; resolves with the final status, or throws libvirt's error. */
export async function runMigration(r: MigrationRun): Promise<MigrationStatus> {
  const entry: Running = {
    status: {
      uuid: r.uuid,
      name: r.dom.name,
      sourceHostId: r.sourceHostId,
      targetHostId: r.targetHostId,
      mode: r.mode,
      storage: r.storage,
      phase: 'running',
      progress: null,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    },
    src: r.src,
    dom: r.dom,
    cancelRequested: false,
  };
  table(r.hosts).set(key(r.sourceHostId, r.uuid), entry);
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const s = await jobSample(r.src, r.dom).catch(() => null);
      if (sampling && s?.type === 'running') entry.status = { ...entry.status, progress: s.progress };
      await new Promise((res) => setTimeout(res, SAMPLE_MS));
    }
  })();
  try {
    const moved = await migrateV3(r.src, r.dst, r.dom, r.options);
    sampling = false;
    await sampler;
    await announceDeparture(r);
    const progress = await finalProgress(r.dst, moved, entry.status.progress);
    entry.status = { ...entry.status, phase: 'completed', progress, finishedAt: new Date().toISOString() };
    return entry.status;
  } catch (e) {
    sampling = false;
    await sampler;
    const phase = entry.cancelRequested ? 'cancelled' : 'failed';
    entry.status = { ...entry.status, phase, error: e instanceof Error ? e.message : String(e), finishedAt: new Date().toISOString() };
    throw e;
  }
}

/** Cancels a running migration (virDomainAbortJob on the source); false when none runs. */
export async function cancelMigration(hosts: HostManager, hostId: string, uuid: string): Promise<boolean> {
  const entry = table(hosts).get(key(hostId, uuid));
  if (!entry || entry.status.phase !== 'running') return false;
  entry.cancelRequested = true;
  await abortJob(entry.src, entry.dom);
  return true;
}
