// Client-managed migration: the BFF holds a connection to each host and drives libvirt's v3
// protocol itself (Begin3 on the source, Prepare3 on the target, Perform3 on the source, Finish3
// on the target, Confirm3 on the source), as libvirt's own virDomainMigrateVersion3Full does.
// Why not peer-to-peer: P2P needs the source daemon to reach the target daemon's URI on its own,
// with credentials of its own; here only the BFF has them (keys, client certificates), and the two
// daemons need only reach each other's QEMU migration port. The failure paths follow libvirt's:
// a failed Prepare is confirmed as cancelled on the source (which keeps running the guest); a
// failed or cancelled Perform is finished as cancelled on the target (which kills its half) and
// the source resumes the guest itself.
import {
  remoteProcedures as rp,
  VIR_MIGRATE_PARAM_BANDWIDTH,
  VIR_MIGRATE_PARAM_DEST_NAME,
  VIR_MIGRATE_PARAM_DEST_XML,
  VIR_MIGRATE_PARAM_MIGRATE_DISKS,
  VIR_MIGRATE_PARAM_URI,
  VirDomainMigrateFlags,
  type DomainHandle,
  type Libvirt,
  type RemoteTypedParam,
} from '@virtdeck/libvirt-client';

export interface MigrateV3Options {
  live: boolean;
  /** Copy the listed disks (targets, e.g. "vda") to the target with NBD; empty: shared storage. */
  copyDisks: readonly string[];
  offline: boolean;
  /** MiB/s; undefined: unlimited. */
  bandwidthMiBs?: number | undefined;
}

const F = VirDomainMigrateFlags;

/** The migrate flags for these options: the definition moves with the guest (persist + undefine). */
export function migrateFlags(o: MigrateV3Options): number {
  let flags = F.PERSIST_DEST | F.UNDEFINE_SOURCE | F.CHANGE_PROTECTION;
  if (o.offline) flags |= F.OFFLINE;
  else if (o.live) flags |= F.LIVE | F.ABORT_ON_ERROR;
  if (o.copyDisks.length > 0) flags |= F.NON_SHARED_DISK;
  return flags;
}

const str = (field: string, s: string): RemoteTypedParam => ({ field, value: { type: 7, s } });
const ullong = (field: string, n: number): RemoteTypedParam => ({ field, value: { type: 4, ul: BigInt(n) } });

function withParam(params: RemoteTypedParam[], p: RemoteTypedParam): RemoteTypedParam[] {
  return [...params.filter((q) => q.field !== p.field), p];
}

/**
 * Moves `dom` from `src` to `dst`; resolves with the domain's handle on the target. On failure
 * it throws libvirt's error after cleaning up both ends as libvirt does.
 */
export async function migrateV3(src: Libvirt, dst: Libvirt, dom: DomainHandle, o: MigrateV3Options): Promise<DomainHandle> {
  const flags = migrateFlags(o);
  // Prepare, Finish: without the flags only the source acts on.
  const destFlags = flags & ~(F.ABORT_ON_ERROR | F.AUTO_CONVERGE | F.CHANGE_PROTECTION);
  let params: RemoteTypedParam[] = [str(VIR_MIGRATE_PARAM_DEST_NAME, dom.name)];
  for (const disk of o.copyDisks) params.push(str(VIR_MIGRATE_PARAM_MIGRATE_DISKS, disk));
  if (o.bandwidthMiBs !== undefined) params.push(ullong(VIR_MIGRATE_PARAM_BANDWIDTH, o.bandwidthMiBs));

  const begin = await src.call(rp.domainMigrateBegin3Params, { dom, params, flags });
  params = withParam(params, str(VIR_MIGRATE_PARAM_DEST_XML, begin.xml));

  let prepared;
  try {
    prepared = await dst.call(rp.domainMigratePrepare3Params, { params, cookie_in: begin.cookie_out, flags: destFlags });
  } catch (e) {
    // The source holds a migration job since Begin (change protection): release it.
    await src.call(rp.domainMigrateConfirm3Params, { dom, params, cookie_in: new Uint8Array(), flags, cancelled: 1 }).catch(() => undefined);
    throw e;
  }
  if (prepared.uri_out !== null) params = withParam(params, str(VIR_MIGRATE_PARAM_URI, prepared.uri_out));

  let cookie = prepared.cookie_out;
  let performError: unknown = null;
  if (!o.offline) {
    try {
      cookie = (await src.call(rp.domainMigratePerform3Params, { dom, dconnuri: null, params, cookie_in: cookie, flags })).cookie_out;
    } catch (e) {
      performError = e;
    }
  } else {
    cookie = new Uint8Array();
  }

  // Finish: the target keeps the guest, or (cancelled) kills what it prepared.
  let finished: DomainHandle | null = null;
  let finishError: unknown = null;
  try {
    const r = await dst.call(rp.domainMigrateFinish3Params, { params, cookie_in: cookie, flags: destFlags, cancelled: performError ? 1 : 0 });
    finished = r.dom;
    cookie = r.cookie_out;
  } catch (e) {
    finishError = e;
  }
  // A failed Perform has already cleaned up the source (the guest runs there again): no Confirm.
  if (performError) throw performError;
  await src.call(rp.domainMigrateConfirm3Params, { dom, params, cookie_in: finished ? cookie : new Uint8Array(), flags, cancelled: finished ? 0 : 1 });
  if (!finished) throw finishError ?? new Error('the target did not finish the migration');
  return finished;
}
