// Block jobs on a running domain's disk: commit, pull, rebase, copy, info, abort/pivot.
// `disk` is the target name ('vda') or the image path, as libvirt accepts both.
import {
  remoteProcedures as rp,
  VirDomainBlockCommitFlags,
  VirDomainBlockCopyFlags,
  VirDomainBlockJobAbortFlags,
  VirDomainBlockJobType,
  VirDomainBlockPullFlags,
  VirDomainBlockRebaseFlags,
} from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { enumName, flagsOf, type Flags } from './names.js';
import { resolveDomain, type DomainRef } from './refs.js';
import { encodeTypedParams, type TypedParamType } from './typed-params.js';

export type BlockJobTypeName = Lowercase<keyof typeof VirDomainBlockJobType>;

export interface BlockJobInfo {
  type: BlockJobTypeName;
  /** Bandwidth limit in MiB/s (0: unlimited). */
  bandwidth: number;
  /** Progress: `cur` of `end` units (bytes for qemu); equal when the job is done or ready to pivot. */
  cur: number;
  end: number;
}

export interface BlockCommitOptions {
  /** The image to commit into (default: the backing file of `top`'s image, i.e. the chain's base). */
  base?: string | null;
  /** The top image to commit (default: the active layer, which needs ['ACTIVE']). */
  top?: string | null;
  /** MiB/s, or bytes/s with the BANDWIDTH_BYTES flag; 0 unlimited. */
  bandwidth?: number;
  flags?: Flags<typeof VirDomainBlockCommitFlags>;
}

export interface BlockCopyParams {
  /** Bytes/s (VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, ullong). */
  bandwidth?: number | bigint;
  /** VIR_DOMAIN_BLOCK_COPY_GRANULARITY (uint, power of two). */
  granularity?: number;
  /** VIR_DOMAIN_BLOCK_COPY_BUF_SIZE (ullong). */
  bufSize?: number | bigint;
}

const blockCopySchema: Record<string, TypedParamType> = { bandwidth: 'ULLONG', granularity: 'UINT', 'buf-size': 'ULLONG' };

export class BlockJobs {
  constructor(private readonly rpc: RpcConnection) {}

  /** Commits `top` (or the active layer with ['ACTIVE']) down into `base`. */
  async commit(domain: DomainRef, disk: string, opts: BlockCommitOptions = {}): Promise<void> {
    const dom = await resolveDomain(this.rpc, domain);
    await this.rpc.call(rp.domainBlockCommit, {
      dom,
      disk,
      base: opts.base ?? null,
      top: opts.top ?? null,
      bandwidth: BigInt(opts.bandwidth ?? 0),
      flags: flagsOf(VirDomainBlockCommitFlags, opts.flags),
    });
  }

  /** Pulls the backing chain into the active image (the chain ends at the active layer). */
  async pull(domain: DomainRef, disk: string, opts: { bandwidth?: number; flags?: Flags<typeof VirDomainBlockPullFlags> } = {}): Promise<void> {
    const dom = await resolveDomain(this.rpc, domain);
    await this.rpc.call(rp.domainBlockPull, { dom, path: disk, bandwidth: BigInt(opts.bandwidth ?? 0), flags: flagsOf(VirDomainBlockPullFlags, opts.flags) });
  }

  /** Pulls into the active image down to `base` (null: the whole chain), or copies with ['COPY']. */
  async rebase(domain: DomainRef, disk: string, opts: { base?: string | null; bandwidth?: number; flags?: Flags<typeof VirDomainBlockRebaseFlags> } = {}): Promise<void> {
    const dom = await resolveDomain(this.rpc, domain);
    await this.rpc.call(rp.domainBlockRebase, {
      dom,
      path: disk,
      base: opts.base ?? null,
      bandwidth: BigInt(opts.bandwidth ?? 0),
      flags: flagsOf(VirDomainBlockRebaseFlags, opts.flags),
    });
  }

  /** Mirrors the disk to the <disk> described by `destXml`; finish with abort(..., ['PIVOT']). */
  async copy(domain: DomainRef, disk: string, destXml: string, params: BlockCopyParams = {}, flags?: Flags<typeof VirDomainBlockCopyFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, domain);
    const typed = encodeTypedParams(blockCopySchema, { bandwidth: params.bandwidth, granularity: params.granularity, 'buf-size': params.bufSize });
    await this.rpc.call(rp.domainBlockCopy, { dom, path: disk, destxml: destXml, params: typed, flags: flagsOf(VirDomainBlockCopyFlags, flags) });
  }

  /** The disk's current block job, or null when it has none. */
  async info(domain: DomainRef, disk: string): Promise<BlockJobInfo | null> {
    const dom = await resolveDomain(this.rpc, domain);
    const r = await this.rpc.call(rp.domainGetBlockJobInfo, { dom, path: disk, flags: 0 });
    if (r.found === 0) return null;
    return { type: (enumName(VirDomainBlockJobType, r.type) ?? 'unknown') as BlockJobTypeName, bandwidth: Number(r.bandwidth), cur: Number(r.cur), end: Number(r.end) };
  }

  /** Cancels the job, or with ['PIVOT'] switches to the copy / committed base once it is ready. */
  async abort(domain: DomainRef, disk: string, flags?: Flags<typeof VirDomainBlockJobAbortFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, domain);
    await this.rpc.call(rp.domainBlockJobAbort, { dom, path: disk, flags: flagsOf(VirDomainBlockJobAbortFlags, flags) });
  }
}
