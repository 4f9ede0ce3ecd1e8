// Domain snapshots: list with parents and the current one, XML, create, revert, delete.
import {
  remoteProcedures as rp,
  VirDomainSnapshotCreateFlags,
  VirDomainSnapshotDeleteFlags,
  VirDomainSnapshotListFlags,
  VirDomainSnapshotRevertFlags,
} from '../gen/index.js';
import type { RemoteNonnullDomainSnapshot } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { isNoDomainSnapshot } from './errors.js';
import { flagsOf, type Flags } from './names.js';
import { resolveDomain, type DomainHandle, type DomainRef } from './refs.js';

export type SnapshotHandle = RemoteNonnullDomainSnapshot;

export interface SnapshotSummary {
  name: string;
  /** The parent snapshot's name, or null for a root. */
  parent: string | null;
  current: boolean;
}

export class Snapshots {
  constructor(private readonly rpc: RpcConnection) {}

  async lookup(domain: DomainRef, name: string): Promise<SnapshotHandle> {
    const dom = await resolveDomain(this.rpc, domain);
    return (await this.rpc.call(rp.domainSnapshotLookupByName, { dom, name, flags: 0 })).snap;
  }

  /** Every snapshot of a domain with its parent and whether it is current; calls run pipelined. */
  async list(domain: DomainRef, flags?: Flags<typeof VirDomainSnapshotListFlags>): Promise<SnapshotSummary[]> {
    const dom = await resolveDomain(this.rpc, domain);
    const [{ snapshots }, current] = await Promise.all([
      this.rpc.call(rp.domainListAllSnapshots, { dom, need_results: 1, flags: flagsOf(VirDomainSnapshotListFlags, flags) }),
      this.currentName(dom),
    ]);
    return Promise.all(snapshots.map(async (snap) => ({ name: snap.name, parent: await this.parentName(snap), current: snap.name === current })));
  }

  /** The current snapshot's name, or null when there is none. */
  async current(domain: DomainRef): Promise<string | null> {
    return this.currentName(await resolveDomain(this.rpc, domain));
  }

  async getXml(domain: DomainRef, name: string): Promise<string> {
    const snap = await this.lookup(domain, name);
    return (await this.rpc.call(rp.domainSnapshotGetXmlDesc, { snap, flags: 0 })).xml;
  }

  /** Creates a snapshot from <domainsnapshot> XML; e.g. ['DISK_ONLY', 'ATOMIC'] or ['NO_METADATA']. */
  async create(domain: DomainRef, xml: string, flags?: Flags<typeof VirDomainSnapshotCreateFlags>): Promise<SnapshotHandle> {
    const dom = await resolveDomain(this.rpc, domain);
    return (await this.rpc.call(rp.domainSnapshotCreateXml, { dom, xml_desc: xml, flags: flagsOf(VirDomainSnapshotCreateFlags, flags) })).snap;
  }

  async revert(domain: DomainRef, name: string, flags?: Flags<typeof VirDomainSnapshotRevertFlags>): Promise<void> {
    const snap = await this.lookup(domain, name);
    await this.rpc.call(rp.domainRevertToSnapshot, { snap, flags: flagsOf(VirDomainSnapshotRevertFlags, flags) });
  }

  /** Deletes a snapshot; ['CHILDREN'], ['CHILDREN_ONLY'] or ['METADATA_ONLY'] as libvirt has them. */
  async delete(domain: DomainRef, name: string, flags?: Flags<typeof VirDomainSnapshotDeleteFlags>): Promise<void> {
    const snap = await this.lookup(domain, name);
    await this.rpc.call(rp.domainSnapshotDelete, { snap, flags: flagsOf(VirDomainSnapshotDeleteFlags, flags) });
  }

  private async parentName(snap: SnapshotHandle): Promise<string | null> {
    try {
      return (await this.rpc.call(rp.domainSnapshotGetParent, { snap, flags: 0 })).snap.name;
    } catch (e) {
      if (isNoDomainSnapshot(e)) return null; // a root snapshot has no parent
      throw e;
    }
  }

  private async currentName(dom: DomainHandle): Promise<string | null> {
    try {
      return (await this.rpc.call(rp.domainSnapshotCurrent, { dom, flags: 0 })).snap.name;
    } catch (e) {
      if (isNoDomainSnapshot(e)) return null; // no current snapshot
      throw e;
    }
  }
}
