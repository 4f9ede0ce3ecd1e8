// How the BFF opens a libvirt connection to a host, the same way everywhere: the host's own
// long-lived connection, and the dedicated ones a volume transfer or a console stream takes so
// that its paused stream cannot stall the shared connection.
import { Libvirt } from '@virtdeck/libvirt-client';

/** A host that does not answer within this is reported down (and retried with backoff). */
export const CONNECT_TIMEOUT_MS = 10_000;

/** A long-lived connection: keepalive pings every 5 s, declared dead after 3 unanswered. */
export const connectHost = (uri: string): Promise<Libvirt> =>
  Libvirt.connect(uri, { keepalive: { interval: 5, count: 3 }, connectTimeoutMs: CONNECT_TIMEOUT_MS });

/** A one-off probe ("Test connection"): no keepalive, closed right after. */
export const probeHost = (uri: string): Promise<Libvirt> => Libvirt.connect(uri, { keepalive: false, connectTimeoutMs: CONNECT_TIMEOUT_MS });
