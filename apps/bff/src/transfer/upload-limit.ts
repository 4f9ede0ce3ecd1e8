// How many bytes an upload may write into a volume, counted on the bytes that actually arrive
// (a chunked body declares no length, and a declared one may lie). libvirt's upload writes the
// file as it comes and would grow it past the volume's capacity.
import type { VolumeModel } from '@virtdeck/libvirt-xml';

const MiB = 1024 * 1024;

/**
 * A raw image holds exactly its capacity. Any other format (qcow2...) is a file whose metadata
 * comes on top of the guest data: its L2 and refcount tables take at most 10 bytes per 512-byte
 * cluster (qcow2's smallest), under 1/32 of the capacity, plus a header well under 1 MiB.
 */
export function maxUploadBytes(model: Pick<VolumeModel, 'capacityBytes' | 'target'>): number {
  const capacity = model.capacityBytes;
  return model.target.format === 'raw' ? capacity : capacity + Math.ceil(capacity / 32) + MiB;
}

/** More bytes arrived than the volume may take; `written` went to the volume before the stop. */
export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
  constructor(
    readonly limit: number,
    readonly written: number,
  ) {
    super(`the upload exceeds the volume's limit of ${limit} bytes`);
  }
}

/**
 * Passes the chunks of `source` on until one would take the total past `limit`; then throws
 * UploadTooLargeError without passing that chunk, so the volume never receives more than `limit`.
 * The source is not destroyed (an HTTP request stays open for the error answer).
 */
export async function* limitBytes(source: AsyncIterable<Uint8Array | string>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (total + bytes.length > limit) throw new UploadTooLargeError(limit, total);
    total += bytes.length;
    yield bytes;
  }
}
