// Volume upload and download as plain HTTP on the BFF: bytes stream between the browser and a
// libvirt stream (virStorageVolUpload / virStorageVolDownload) with backpressure both ways, never
// through tRPC.
//   PUT /api/hosts/:hostId/volumes/upload?pool=..&volume=..    body: the bytes (operator, CSRF header)
//   GET /api/hosts/:hostId/volumes/download?pool=..&volume=..  answer: the bytes (operator: disk images
//                                                               hold the guests' data)
// The session cookie is required; both are audited (objectType volume, action upload/download).
// An upload writes at most the volume's capacity (maxUploadBytes), counted on the bytes received:
// past it the libvirt stream is aborted and the 413 says what the volume now holds.
// A client that goes away mid-transfer, or moves no byte for IDLE_MS, aborts the libvirt stream;
// errors are JSON `{ error: { code, message, fieldErrors? } }` with tRPC's codes and statuses.
//
// Each transfer runs on its own libvirt connection, opened for it and closed after it (at most
// MAX_TRANSFERS_PER_HOST at once). The exception to "one long-lived connection per host" is
// deliberate: libvirt streams have no flow control of their own, so backpressure from a slow
// browser pauses reading the whole socket, and on the shared connection that would stall every
// other call to the host until the browser caught up.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isNoStoragePool, isNoStorageVol, type Libvirt } from '@virtdeck/libvirt-client';
import { connectHost } from '../hosts/connect.js';
import { parseVolumeXml, type VolumeModel } from '@virtdeck/libvirt-xml';
import { z } from 'zod';
import { writeAudit } from '../audit/audit-log.js';
import { can, type Action } from '../auth/roles.js';
import type { User } from '../auth/users.js';
import type { Services } from '../context.js';
import { hostIdSchema } from '../hosts/access.js';
import { objectNameSchema } from '@virtdeck/contract/names';
import { limitBytes, maxUploadBytes, UploadTooLargeError } from './upload-limit.js';
import { contentDisposition, HttpError, requireSession, sendError, sendJson, toHttpError } from './http.js';

const ROUTE = /^\/api\/hosts\/([^/]+)\/volumes\/(upload|download)$/;
export const MAX_TRANSFERS_PER_HOST = 4;
export const IDLE_MS = 120_000;

export const transferQuerySchema = z.object({ pool: objectNameSchema, volume: objectNameSchema });

type Kind = 'upload' | 'download';
const METHOD: Record<Kind, string> = { upload: 'PUT', download: 'GET' };

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

interface Transfer {
  services: Services;
  user: User;
  hostId: string;
  pool: string;
  volume: string;
  req: IncomingMessage;
  res: ServerResponse;
  /** Aborted when the client goes away or the transfer idles. */
  signal: AbortSignal;
  /** Called as bytes move: keeps the idle timer from firing. */
  touch(): void;
}

/** Connect-style middleware for the tRPC standalone server: handles the transfer routes, passes the rest on. */
export function volumeTransferMiddleware(services: Services, opts: { idleMs?: number } = {}): Middleware {
  const running = new Map<string, number>();
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://bff');
    const match = ROUTE.exec(url.pathname);
    if (!match) return next();
    const kind = match[2] as Kind;
    void handle(services, running, opts.idleMs ?? IDLE_MS, req, res, kind, match[1] as string, url.searchParams).catch((e: unknown) =>
      sendError(req, res, toHttpError(e)),
    );
  };
}

async function handle(
  services: Services,
  running: Map<string, number>,
  idleMs: number,
  req: IncomingMessage,
  res: ServerResponse,
  kind: Kind,
  rawHostId: string,
  params: URLSearchParams,
) {
  if (req.method !== METHOD[kind]) {
    res.setHeader('Allow', METHOD[kind]);
    throw new HttpError('METHOD_NOT_SUPPORTED', `${kind} takes ${METHOD[kind]}`);
  }
  const { user } = await requireSession(services.db, req, { csrf: kind === 'upload' });
  const hostId = hostIdSchema.safeParse(safeDecode(rawHostId));
  const query = transferQuerySchema.safeParse(Object.fromEntries(params));
  if (!hostId.success) throw new HttpError('BAD_REQUEST', 'bad hostId', { hostId: hostId.error.issues.map((i) => i.message) });
  if (!query.success) throw toHttpError(query.error);
  const { pool, volume } = query.data;

  // From here on every attempt is audited, as the tRPC mutations are.
  const audit = (result: 'ok' | 'error', detail: string) =>
    writeAudit(services.db, {
      userId: user.id,
      username: user.username,
      hostId: hostId.data,
      objectType: 'volume',
      objectName: volume,
      action: kind,
      result,
      detail: detail.slice(0, 1000),
    });

  const ac = new AbortController();
  const abort = (why: string) => ac.abort(new Error(why));
  const idle = setTimeout(() => abort(`no data moved for ${idleMs / 1000} s`), idleMs);
  const gone = () => {
    if (!res.writableFinished) abort('the client went away');
  };
  req.once('aborted', gone);
  res.once('close', gone);
  const transfer: Transfer = { services, user, hostId: hostId.data, pool, volume, req, res, signal: ac.signal, touch: () => idle.refresh() };
  try {
    const bytes = await (kind === 'upload' ? upload : download)(transfer, running);
    await audit('ok', `pool ${pool}, ${bytes} bytes`);
  } catch (e) {
    const err = ac.signal.aborted ? new HttpError('CLIENT_CLOSED_REQUEST', (ac.signal.reason as Error).message) : toHttpError(e);
    await audit('error', err.message).catch(() => {});
    throw err;
  } finally {
    clearTimeout(idle);
  }
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
};

/**
 * Checks the role on the host, opens a connection of its own to the host (see the header) and
 * reads the volume; unknown host, pool or volume → 404 naming it. The caller closes `lv`.
 */
async function openVolume(t: Transfer, running: Map<string, number>, action: Action) {
  if (!can(t.user, action, t.hostId)) throw new HttpError('FORBIDDEN', `you may not ${action} on this host`);
  const target = t.services.hosts.connection(t.hostId).target;
  await t.services.hosts.client(t.hostId); // the host is up (or HostUnavailableError: 503)
  const count = running.get(t.hostId) ?? 0;
  if (count >= MAX_TRANSFERS_PER_HOST) {
    throw new HttpError('TOO_MANY_REQUESTS', `${count} transfers are running on this host already; try again when one has finished`);
  }
  running.set(t.hostId, count + 1);
  let lv: Libvirt | null = null;
  const release = async () => {
    running.set(t.hostId, (running.get(t.hostId) ?? 1) - 1);
    await lv?.close().catch(() => {});
  };
  try {
    lv = await connectHost(target.uri);
    const model: VolumeModel = parseVolumeXml(await lv.volumes.getXml({ pool: t.pool, name: t.volume }));
    return { lv, model, release };
  } catch (e) {
    await release();
    if (isNoStoragePool(e)) throw new HttpError('NOT_FOUND', `no storage pool ${t.pool} on this host`);
    if (isNoStorageVol(e)) throw new HttpError('NOT_FOUND', `no volume ${t.volume} in pool ${t.pool}`);
    throw e;
  }
}

async function upload(t: Transfer, running: Map<string, number>): Promise<number> {
  const declared = t.req.headers['content-length'];
  const length = declared === undefined ? 0 : Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) throw new HttpError('BAD_REQUEST', 'bad Content-Length', { 'content-length': ['must be a byte count'] });
  const { lv, model, release } = await openVolume(t, running, 'operate');
  try {
    const limit = maxUploadBytes(model);
    const metadata = limit > model.capacityBytes ? ` plus room for its ${model.target.format ?? 'image'} metadata` : '';
    const room = `volume ${t.volume} takes at most ${limit} bytes (its capacity of ${model.capacityBytes} bytes${metadata})`;
    if (length > limit) throw new HttpError('PAYLOAD_TOO_LARGE', `${length} bytes do not fit: ${room}`);
    // Counted as the bytes arrive, whatever the body declared; the request itself is kept open
    // (not destroyed with the libvirt stream) so the refusal can still be answered.
    const body = limitBytes(t.req.iterator({ destroyOnReturn: false }), limit);
    let bytes: number;
    try {
      bytes = await lv.volumes.upload({ pool: t.pool, name: t.volume }, body, {
        ...(length > 0 && { length }),
        signal: t.signal,
        onProgress: t.touch,
      });
    } catch (e) {
      if (!(e instanceof UploadTooLargeError)) throw e;
      throw new HttpError('PAYLOAD_TOO_LARGE', `more than ${limit} bytes arrived: ${room}. ${await stateAfterRefusal(lv, t, e.written)}`);
    }
    if (length > 0 && bytes !== length) throw new HttpError('BAD_REQUEST', `the body ended after ${bytes} of ${length} bytes`);
    sendJson(t.res, 200, { pool: t.pool, volume: t.volume, bytes });
    return bytes;
  } finally {
    await release();
  }
}

/** What the volume holds after an upload stopped part way, read back from libvirt. */
async function stateAfterRefusal(lv: Libvirt, t: Transfer, written: number): Promise<string> {
  const after = await lv.volumes
    .getXml({ pool: t.pool, name: t.volume })
    .then((xml) => parseVolumeXml(xml).capacityBytes)
    .catch(() => null);
  const size = after === null ? '' : ` Its capacity is still ${after} bytes.`;
  if (written === 0) return `The upload was stopped before any byte reached volume ${t.volume}: it is unchanged.${size}`;
  return (
    `The upload was stopped after ${written} bytes: volume ${t.volume} may now start with up to that many bytes of it, its old ` +
    `content after them, so treat it as incomplete: upload the whole image again or delete the volume.${size}`
  );
}

async function download(t: Transfer, running: Map<string, number>): Promise<number> {
  // A disk image holds a guest's data (its files, keys, passwords): not for viewers.
  const { lv, model, release } = await openVolume(t, running, 'operate');
  try {
    // The bytes libvirt streams are the file's (or device's): its physical size when libvirt
    // reports one (a qcow2 file), else the capacity (a raw image or a block device).
    const size = model.physicalBytes ?? model.capacityBytes;
    const headers = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': size,
      'Content-Disposition': contentDisposition(t.volume),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (size === 0) {
      t.res.writeHead(200, headers).end();
      return 0;
    }
    // Opened before the headers go out, so a refusal is still a JSON error.
    const stream = await lv.volumes.download({ pool: t.pool, name: t.volume }, { length: size, signal: t.signal });
    t.res.writeHead(200, headers);
    let sent = 0;
    stream.on('data', (chunk: Uint8Array) => {
      sent += chunk.length;
      t.touch();
    });
    // pipeline destroys the libvirt stream (aborting it on the daemon) when the client goes away.
    await pipeline(stream, t.res, { signal: t.signal });
    return sent;
  } finally {
    await release();
  }
}
