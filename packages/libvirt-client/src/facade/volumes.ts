// Storage volumes: list with info, XML, create/clone/delete/resize/wipe, lookup, and byte streams
// (upload and download over storageVolUpload / storageVolDownload).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  remoteProcedures as rp,
  VirStorageVolCreateFlags,
  VirStorageVolDeleteFlags,
  VirStorageVolResizeFlags,
  VirStorageVolType,
  VirStorageVolWipeAlgorithm,
} from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { enumName, flagsOf, type Flags } from './names.js';
import { resolvePool, resolveVolume, type PoolRef, type VolumeHandle, type VolumeRef } from './refs.js';

export type VolumeTypeName = Lowercase<keyof typeof VirStorageVolType>;

export interface VolumeSummary {
  pool: string;
  name: string;
  key: string;
  path: string;
  type: VolumeTypeName;
  /** Bytes; numbers are exact below 8 PiB. */
  capacity: number;
  allocation: number;
}

/** Progress of a transfer: bytes so far and the total when known. */
export type ProgressCallback = (done: number, total: number | null) => void;

export interface TransferOptions {
  /** Byte offset in the volume (default 0). */
  offset?: number;
  /** Bytes to transfer; 0 or absent: to the end of the volume (download) or of the source (upload). */
  length?: number;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Readable;

export class Volumes {
  constructor(private readonly rpc: RpcConnection) {}

  lookup(ref: VolumeRef): Promise<VolumeHandle> {
    return resolveVolume(this.rpc, ref);
  }

  /** Every volume of a pool with its info; the per-volume calls run pipelined. */
  async list(poolRef: PoolRef): Promise<VolumeSummary[]> {
    const pool = await resolvePool(this.rpc, poolRef);
    const { vols } = await this.rpc.call(rp.storagePoolListAllVolumes, { pool, need_results: 1, flags: 0 });
    return Promise.all(vols.map((vol) => this.summaryOf(vol)));
  }

  async get(ref: VolumeRef): Promise<VolumeSummary> {
    return this.summaryOf(await resolveVolume(this.rpc, ref));
  }

  async getXml(ref: VolumeRef): Promise<string> {
    const vol = await resolveVolume(this.rpc, ref);
    return (await this.rpc.call(rp.storageVolGetXmlDesc, { vol, flags: 0 })).xml;
  }

  /** Creates a volume from XML (with <backingStore> for an overlay); e.g. ['PREALLOC_METADATA']. */
  async create(poolRef: PoolRef, xml: string, flags?: Flags<typeof VirStorageVolCreateFlags>): Promise<VolumeHandle> {
    const pool = await resolvePool(this.rpc, poolRef);
    return (await this.rpc.call(rp.storageVolCreateXml, { pool, xml, flags: flagsOf(VirStorageVolCreateFlags, flags) })).vol;
  }

  /** Creates a volume in `poolRef` as a copy of `source` (virStorageVolCreateXMLFrom). */
  async clone(poolRef: PoolRef, xml: string, source: VolumeRef, flags?: Flags<typeof VirStorageVolCreateFlags>): Promise<VolumeHandle> {
    const [pool, clonevol] = await Promise.all([resolvePool(this.rpc, poolRef), resolveVolume(this.rpc, source)]);
    return (await this.rpc.call(rp.storageVolCreateXmlFrom, { pool, xml, clonevol, flags: flagsOf(VirStorageVolCreateFlags, flags) })).vol;
  }

  async delete(ref: VolumeRef, flags?: Flags<typeof VirStorageVolDeleteFlags>): Promise<void> {
    const vol = await resolveVolume(this.rpc, ref);
    await this.rpc.call(rp.storageVolDelete, { vol, flags: flagsOf(VirStorageVolDeleteFlags, flags) });
  }

  /** Sets the capacity in bytes (or adds it with ['DELTA']; shrinking needs ['SHRINK']). */
  async resize(ref: VolumeRef, capacity: number | bigint, flags?: Flags<typeof VirStorageVolResizeFlags>): Promise<void> {
    const vol = await resolveVolume(this.rpc, ref);
    await this.rpc.call(rp.storageVolResize, { vol, capacity: BigInt(capacity), flags: flagsOf(VirStorageVolResizeFlags, flags) });
  }

  /** Overwrites the volume's data: zeros by default, or a wipe algorithm's pattern. */
  async wipe(ref: VolumeRef, algorithm?: keyof typeof VirStorageVolWipeAlgorithm): Promise<void> {
    const vol = await resolveVolume(this.rpc, ref);
    if (algorithm === undefined) await this.rpc.call(rp.storageVolWipe, { vol, flags: 0 });
    else await this.rpc.call(rp.storageVolWipePattern, { vol, algorithm: VirStorageVolWipeAlgorithm[algorithm], flags: 0 });
  }

  /**
   * Writes bytes into a volume from `source`, with backpressure; resolves with the byte count
   * once the daemon confirmed the upload. On failure or abort the daemon discards the stream.
   */
  async upload(ref: VolumeRef, source: ByteSource, opts: TransferOptions = {}): Promise<number> {
    const vol = await resolveVolume(this.rpc, ref);
    const { stream } = await this.rpc.openWriteStream(rp.storageVolUpload, { vol, offset: BigInt(opts.offset ?? 0), length: BigInt(opts.length ?? 0), flags: 0 }, withSignal(opts.signal));
    const total = opts.length ? opts.length : null;
    let done = 0;
    const count = async function* (src: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
      for await (const chunk of src) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        done += bytes.length;
        yield bytes;
        opts.onProgress?.(done, total);
      }
    };
    const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
    await pipeline(input, count, stream, withSignal(opts.signal));
    return done;
  }

  /**
   * Reads bytes of a volume as a Readable (also an async iterable of Uint8Array). Destroying it
   * (or breaking out of `for await`) aborts the transfer on the daemon.
   */
  async download(ref: VolumeRef, opts: TransferOptions = {}): Promise<Readable> {
    const vol = await resolveVolume(this.rpc, ref);
    const offset = opts.offset ?? 0;
    const [{ stream }, info] = await Promise.all([
      this.rpc.openReadStream(rp.storageVolDownload, { vol, offset: BigInt(offset), length: BigInt(opts.length ?? 0), flags: 0 }, withSignal(opts.signal)),
      opts.onProgress && !opts.length ? this.rpc.call(rp.storageVolGetInfo, { vol }) : null,
    ]);
    const total = opts.length ? opts.length : info ? Math.max(0, Number(info.capacity) - offset) : null;
    const onProgress = opts.onProgress;
    if (!onProgress) return stream;
    let done = 0;
    const counted = async function* (): AsyncGenerator<Uint8Array> {
      for await (const chunk of stream as AsyncIterable<Uint8Array>) {
        done += chunk.length;
        yield chunk;
        onProgress(done, total);
      }
    };
    return Readable.from(counted(), { objectMode: false });
  }

  private async summaryOf(vol: VolumeHandle): Promise<VolumeSummary> {
    const [info, path] = await Promise.all([this.rpc.call(rp.storageVolGetInfo, { vol }), this.rpc.call(rp.storageVolGetPath, { vol })]);
    return {
      pool: vol.pool,
      name: vol.name,
      key: vol.key,
      path: path.name,
      type: (enumName(VirStorageVolType, info.type) ?? 'file') as VolumeTypeName,
      capacity: Number(info.capacity),
      allocation: Number(info.allocation),
    };
  }
}

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
