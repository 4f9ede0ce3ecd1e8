// Domain checkpoints (libvirt >= 6.0 with QEMU): named points that libvirt keeps as persistent dirty
// bitmaps in each qcow2 disk, so that an incremental backup copies only what changed since one.
// They are usually made by `lv.backups.begin` together with a backup; listed and deleted here.
// QEMU's driver needs the domain running to delete one (libvirt 9.0 answers "cannot delete
// checkpoint for inactive domain", VIR_ERR_OPERATION_UNSUPPORTED), except with ['METADATA_ONLY'].
import { remoteProcedures as rp, VirDomainCheckpointCreateFlags, VirDomainCheckpointDeleteFlags, VirDomainCheckpointListFlags } from '../gen/index.js';
import type { RemoteNonnullDomainCheckpoint } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { hasErrorCode } from './errors.js';
import { flagsOf, type Flags } from './names.js';
import { resolveDomain, type DomainRef } from './refs.js';

export type CheckpointHandle = RemoteNonnullDomainCheckpoint;

export interface CheckpointSummary {
  name: string;
  /** The parent checkpoint's name, or null for a root. */
  parent: string | null;
}

/** VIR_ERR_NO_DOMAIN_CHECKPOINT: no such checkpoint, or no parent. */
export const isNoDomainCheckpoint = (e: unknown): boolean => hasErrorCode(e, 'ERR_NO_DOMAIN_CHECKPOINT');

export class Checkpoints {
  constructor(private readonly rpc: RpcConnection) {}

  async lookup(domain: DomainRef, name: string): Promise<CheckpointHandle> {
    const dom = await resolveDomain(this.rpc, domain);
    return (await this.rpc.call(rp.domainCheckpointLookupByName, { dom, name, flags: 0 })).checkpoint;
  }

  /** Whether a checkpoint of this name exists. */
  async exists(domain: DomainRef, name: string): Promise<boolean> {
    try {
      await this.lookup(domain, name);
      return true;
    } catch (e) {
      if (isNoDomainCheckpoint(e)) return false;
      throw e;
    }
  }

  /** Every checkpoint of a domain with its parent (['TOPOLOGICAL']: parents before children). */
  async list(domain: DomainRef, flags?: Flags<typeof VirDomainCheckpointListFlags>): Promise<CheckpointSummary[]> {
    const dom = await resolveDomain(this.rpc, domain);
    const { checkpoints } = await this.rpc.call(rp.domainListAllCheckpoints, { dom, need_results: 1, flags: flagsOf(VirDomainCheckpointListFlags, flags) });
    return Promise.all(checkpoints.map(async (c) => ({ name: c.name, parent: await this.parentName(c) })));
  }

  async getXml(domain: DomainRef, name: string): Promise<string> {
    const checkpoint = await this.lookup(domain, name);
    return (await this.rpc.call(rp.domainCheckpointGetXmlDesc, { checkpoint, flags: 0 })).xml;
  }

  /** Creates a checkpoint from <domaincheckpoint> XML (a running domain; ['REDEFINE'] restores metadata). */
  async create(domain: DomainRef, xml: string, flags?: Flags<typeof VirDomainCheckpointCreateFlags>): Promise<CheckpointHandle> {
    const dom = await resolveDomain(this.rpc, domain);
    return (await this.rpc.call(rp.domainCheckpointCreateXml, { dom, xml_desc: xml, flags: flagsOf(VirDomainCheckpointCreateFlags, flags) })).checkpoint;
  }

  /**
   * Deletes a checkpoint. Its changes merge into its parent's bitmap, so an incremental backup
   * from the parent still covers everything written since the parent.
   */
  async delete(domain: DomainRef, name: string, flags?: Flags<typeof VirDomainCheckpointDeleteFlags>): Promise<void> {
    const checkpoint = await this.lookup(domain, name);
    await this.rpc.call(rp.domainCheckpointDelete, { checkpoint, flags: flagsOf(VirDomainCheckpointDeleteFlags, flags) });
  }

  private async parentName(checkpoint: CheckpointHandle): Promise<string | null> {
    try {
      return (await this.rpc.call(rp.domainCheckpointGetParent, { checkpoint, flags: 0 })).parent.name;
    } catch (e) {
      if (isNoDomainCheckpoint(e)) return null; // a root checkpoint has no parent
      throw e;
    }
  }
}
