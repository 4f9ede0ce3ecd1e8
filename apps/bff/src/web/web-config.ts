// The web front's settings (front.ts), read once from the environment and checked: a wrong value
// stops the start with a message naming the variable, and a plan that would serve plain HTTP beyond
// this machine is refused before anything listens. The front runs only when VIRTDECK_WEB_DIR names
// the web's static export: tests and tools start the BFF alone, on its loopback API port.
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A start that cannot go on; its message is for the admin, printed as is. */
export class StartRefused extends Error {
  override name = 'StartRefused';
}

const schema = z
  .object({
    /** The web's static export (apps/web/.next-export after `pnpm --filter @virtdeck/web build`); unset: no front. */
    VIRTDECK_WEB_DIR: z.string().min(1).optional(),
    VIRTDECK_WEB_HOST: z.string().min(1).default('127.0.0.1'),
    VIRTDECK_WEB_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Shared with the rest of the BFF: the self-signed certificate is kept in its `tls/` folder. */
    VIRTDECK_DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.state/data')),
    /** auto: the admin's certificate if given, plain HTTP on loopback, else a self-signed one. */
    VIRTDECK_TLS: z.enum(['auto', 'self-signed', 'off']).default('auto'),
    VIRTDECK_TLS_CERT: z.string().min(1).optional(),
    VIRTDECK_TLS_KEY: z.string().min(1).optional(),
  })
  .refine((c) => Boolean(c.VIRTDECK_TLS_CERT) === Boolean(c.VIRTDECK_TLS_KEY), {
    message: 'VIRTDECK_TLS_CERT and VIRTDECK_TLS_KEY go together: set both or neither',
    path: ['VIRTDECK_TLS_CERT'],
  });

export type WebConfig = z.infer<typeof schema>;

export function loadWebConfig(env: Record<string, string | undefined>): WebConfig {
  // An empty variable counts as unset, as shells and unit files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new StartRefused(`invalid web front configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  return h.startsWith('::ffff:127.');
}

export type TlsSource = { kind: 'files'; certFile: string; keyFile: string } | { kind: 'self-signed'; dir: string };
export interface ListenPlan {
  host: string;
  port: number;
  tls: TlsSource | null;
}

/**
 * How to listen: TLS from the admin's files, a self-signed certificate, or plain HTTP, which is
 * refused unless the address is loopback (dev.sh and the tests run on http://127.0.0.1).
 */
export function listenPlan(config: WebConfig): ListenPlan {
  const { VIRTDECK_WEB_HOST: host, VIRTDECK_WEB_PORT: port, VIRTDECK_TLS: mode } = config;
  let tls: TlsSource | null = null;
  if (mode !== 'off' && config.VIRTDECK_TLS_CERT && config.VIRTDECK_TLS_KEY) {
    tls = { kind: 'files', certFile: config.VIRTDECK_TLS_CERT, keyFile: config.VIRTDECK_TLS_KEY };
  } else if (mode === 'self-signed' || (mode === 'auto' && !isLoopback(host))) {
    tls = { kind: 'self-signed', dir: path.join(config.VIRTDECK_DATA_DIR, 'tls') };
  }
  if (!tls && !isLoopback(host)) {
    throw new StartRefused(
      `refusing to serve plain HTTP on ${host}: passwords and session cookies would cross the network in clear. ` +
        'Serve HTTPS (VIRTDECK_TLS_CERT and VIRTDECK_TLS_KEY, or VIRTDECK_TLS=auto for a self-signed certificate), ' +
        'or listen on loopback (VIRTDECK_WEB_HOST=127.0.0.1) behind your own TLS proxy.',
    );
  }
  return { host, port, tls };
}
