// The TypeScript side of the differential tests: the same questions oracle.py asks libvirt's C
// library, answered through this package (the facade where it covers them, `call` elsewhere),
// as a document of the same shape. Keep the two in step.
import {
  formatUuid,
  Libvirt,
  LibvirtError,
  remoteProcedures as rp,
  VirDomainSnapshotListFlags,
  VirDomainState,
  VirDomainXMLFlags,
  type RemoteNonnullDomain,
  type RemoteNonnullDomainSnapshot,
  type RemoteNonnullStoragePool,
  type RemoteNonnullNetwork,
} from '../../src/index.js';


export type Json = string | boolean | null | Json[] | { [k: string]: Json };

export interface SurveyRequest {
  uri: string;
  /** Only objects whose name starts with it ('' for all). */
  prefix: string;
  depth: 'full' | 'light';
  errors: boolean;
}

/** Numbers and bigints as decimal strings, as oracle.py writes every integer. */
export function norm(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.map(norm);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
  throw new TypeError(`cannot normalise ${typeof v}`);
}

function errorRecord(e: LibvirtError): Json {
  const { code, domain, level, message, str1, str2, str3, int1, int2 } = e;
  return { error: norm({ code, domain, level, message, str1, str2, str3, int1, int2 }) };
}

async function ask(f: () => Promise<unknown>): Promise<Json> {
  try {
    return norm(await f());
  } catch (e) {
    if (e instanceof LibvirtError) return errorRecord(e);
    throw e;
  }
}

/** Names in code-point order (Python's sort), not UTF-16 order. */
export function sortNames(names: readonly string[]): string[] {
  return [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

const DOMAIN_LIST_FLAGS = ['ACTIVE', 'INACTIVE', 'PERSISTENT', 'TRANSIENT', 'RUNNING', 'PAUSED', 'SHUTOFF', 'OTHER', 'AUTOSTART', 'NO_AUTOSTART'] as const;

const bit = (b: boolean): number => (b ? 1 : 0);

async function snapshot(lv: Libvirt, snap: RemoteNonnullDomainSnapshot): Promise<Json> {
  return {
    xml: await ask(async () => (await lv.call(rp.domainSnapshotGetXmlDesc, { snap, flags: 0 })).xml),
    parent: await ask(async () => (await lv.call(rp.domainSnapshotGetParent, { snap, flags: 0 })).snap.name),
    isCurrent: await ask(async () => (await lv.call(rp.domainSnapshotIsCurrent, { snap, flags: 0 })).current),
    hasMetadata: await ask(async () => (await lv.call(rp.domainSnapshotHasMetadata, { snap, flags: 0 })).metadata),
    children: await ask(async () => sortNames((await lv.call(rp.domainSnapshotListAllChildren, { snapshot: snap, need_results: 1, flags: 0 })).snapshots.map((s) => s.name))),
    descendants: await ask(async () => (await lv.call(rp.domainSnapshotNumChildren, { snap, flags: VirDomainSnapshotListFlags.DESCENDANTS })).num),
  };
}

async function domain(lv: Libvirt, dom: RemoteNonnullDomain, full: boolean): Promise<Json> {
  const out: Record<string, Json> = {
    uuid: formatUuid(dom.uuid),
    id: String(dom.id),
    info: await ask(async () => {
      const i = await lv.domains.getInfo(dom);
      return [VirDomainState[i.state.toUpperCase() as keyof typeof VirDomainState], i.maxMemoryKiB, i.memoryKiB, i.vcpus];
    }),
    state: await ask(async () => Object.values(await lv.call(rp.domainGetState, { dom, flags: 0 }))),
    isActive: await ask(async () => bit(await lv.domains.isActive(dom))),
    isPersistent: await ask(async () => bit(await lv.domains.isPersistent(dom))),
    autostart: await ask(async () => (await lv.call(rp.domainGetAutostart, { dom })).autostart),
    xml: await ask(() => lv.domains.getXml(dom)),
  };
  if (!full) return out;
  Object.assign(out, {
    xmlInactive: await ask(async () => (await lv.call(rp.domainGetXmlDesc, { dom, flags: VirDomainXMLFlags.INACTIVE })).xml),
    maxMemory: await ask(async () => (await lv.call(rp.domainGetMaxMemory, { dom })).memory),
    osType: await ask(async () => (await lv.call(rp.domainGetOsType, { dom })).type),
    hasManagedSave: await ask(async () => (await lv.call(rp.domainHasManagedSaveImage, { dom, flags: 0 })).result),
    schedulerType: await ask(async () => Object.values(await lv.call(rp.domainGetSchedulerType, { dom }))),
    scheduler: await ask(() => lv.domains.getParameters(dom, 'scheduler')),
    memory: await ask(() => lv.domains.getParameters(dom, 'memory')),
    blkio: await ask(() => lv.domains.getParameters(dom, 'blkio')),
    numa: await ask(() => lv.domains.getParameters(dom, 'numa')),
    snapshots: await ask(async () => {
      const { snapshots } = await lv.call(rp.domainListAllSnapshots, { dom, need_results: 1, flags: 0 });
      return Object.fromEntries(await Promise.all(snapshots.map(async (s) => [s.name, await snapshot(lv, s)] as const)));
    }),
    currentSnapshot: await ask(async () => (await lv.call(rp.domainSnapshotCurrent, { dom, flags: 0 })).snap.name),
  });
  return out;
}

async function pool(lv: Libvirt, p: RemoteNonnullStoragePool, full: boolean): Promise<Json> {
  const active = await lv.pools.isActive(p);
  const out: Record<string, Json> = {
    uuid: formatUuid(p.uuid),
    info: await ask(async () => Object.values(await lv.call(rp.storagePoolGetInfo, { pool: p }))),
    isActive: String(bit(active)),
    isPersistent: await ask(async () => bit(await lv.pools.isPersistent(p))),
    autostart: await ask(async () => (await lv.call(rp.storagePoolGetAutostart, { pool: p })).autostart),
    xml: await ask(() => lv.pools.getXml(p)),
  };
  if (full && active) {
    out.volumes = await ask(async () => {
      const { vols } = await lv.call(rp.storagePoolListAllVolumes, { pool: p, need_results: 1, flags: 0 });
      const entries = await Promise.all(
        vols.map(async (vol) => {
          const v = {
            key: vol.key,
            path: await ask(async () => (await lv.call(rp.storageVolGetPath, { vol })).name),
            info: await ask(async () => Object.values(await lv.call(rp.storageVolGetInfo, { vol }))),
            xml: await ask(async () => (await lv.call(rp.storageVolGetXmlDesc, { vol, flags: 0 })).xml),
          };
          return [vol.name, v] as const;
        }),
      );
      return Object.fromEntries(entries);
    });
  }
  return out;
}

async function network(lv: Libvirt, net: RemoteNonnullNetwork): Promise<Json> {
  return {
    uuid: formatUuid(net.uuid),
    isActive: await ask(async () => (await lv.call(rp.networkIsActive, { net })).active),
    isPersistent: await ask(async () => (await lv.call(rp.networkIsPersistent, { net })).persistent),
    autostart: await ask(async () => (await lv.call(rp.networkGetAutostart, { net })).autostart),
    xml: await ask(() => lv.networks.getXml(net)),
    bridge: await ask(async () => (await lv.call(rp.networkGetBridgeName, { net })).name),
  };
}

async function errors(lv: Libvirt): Promise<Json> {
  const dom = async (): Promise<RemoteNonnullDomain> => {
    const first = (await lv.call(rp.connectListAllDomains, { need_results: 1, flags: 0 })).domains[0];
    if (!first) throw new Error('errors: the node has no domain');
    return first;
  };
  return {
    noDomain: await ask(() => lv.call(rp.domainLookupByName, { name: 'vdtest-no-such-domain' })),
    noDomainUuid: await ask(() => lv.call(rp.domainLookupByUuid, { uuid: new Uint8Array(16) })),
    badXml: await ask(() => lv.domains.define('<domain')),
    noPool: await ask(() => lv.pools.lookup('vdtest-no-such-pool')),
    noNetwork: await ask(() => lv.networks.lookup('vdtest-no-such-network')),
    noVolume: await ask(() => lv.call(rp.storageVolLookupByPath, { path: '/vdtest/no/such/volume' })),
    badFlags: await ask(() => lv.call(rp.connectListAllDomains, { need_results: 1, flags: 1 << 30 })),
    oversize: await ask(() => lv.domains.lookup('x'.repeat(5 * 1024 * 1024))),
    noSnapshot: await ask(async () => lv.call(rp.domainSnapshotLookupByName, { dom: await dom(), name: 'vdtest-no-such-snapshot', flags: 0 })),
  };
}

function nodeModel(model: readonly number[]): string {
  const end = model.indexOf(0);
  return Buffer.from(end < 0 ? model : model.slice(0, end)).toString('utf8');
}

/** The document oracle.py writes for the same request. */
export async function survey(req: SurveyRequest): Promise<Json> {
  const lv = await Libvirt.connect(req.uri);
  try {
    const mine = (name: string): boolean => name.startsWith(req.prefix);
    const full = req.depth === 'full';
    const { domains } = await lv.call(rp.connectListAllDomains, { need_results: 1, flags: 0 });
    const { pools } = await lv.call(rp.connectListAllStoragePools, { need_results: 1, flags: 0 });
    const { nets } = await lv.call(rp.connectListAllNetworks, { need_results: 1, flags: 0 });
    const domainLists: Record<string, Json> = {};
    for (const f of DOMAIN_LIST_FLAGS) domainLists[f] = sortNames((await lv.domains.list([f])).map((d) => d.name).filter(mine));
    const out: Record<string, Json> = {
      type: await ask(async () => (await lv.call(rp.connectGetType, undefined)).type),
      libVersion: await ask(async () => (await lv.call(rp.connectGetLibVersion, undefined)).lib_ver),
      version: await ask(async () => (await lv.call(rp.connectGetVersion, undefined)).hv_ver),
      hostname: await ask(async () => (await lv.call(rp.connectGetHostname, undefined)).hostname),
      nodeInfo: await ask(async () => {
        const i = await lv.call(rp.nodeGetInfo, undefined);
        // libvirt-python gives memory in MiB (info.memory >> 10).
        return [nodeModel(i.model), i.memory >> 10n, i.cpus, i.mhz, i.nodes, i.sockets, i.cores, i.threads];
      }),
      capabilities: await ask(async () => (await lv.call(rp.connectGetCapabilities, undefined)).capabilities),
      isSecure: await ask(async () => (await lv.call(rp.connectIsSecure, undefined)).secure),
      domains: Object.fromEntries(await Promise.all(domains.filter((d) => mine(d.name)).map(async (d) => [d.name, await domain(lv, d, full)] as const))),
      domainLists,
      pools: Object.fromEntries(await Promise.all(pools.filter((p) => mine(p.name)).map(async (p) => [p.name, await pool(lv, p, full)] as const))),
      networks: Object.fromEntries(await Promise.all(nets.filter((n) => mine(n.name)).map(async (n) => [n.name, await network(lv, n)] as const))),
    };
    if (req.errors) out.errors = await errors(lv);
    return out;
  } finally {
    await lv.close();
  }
}

