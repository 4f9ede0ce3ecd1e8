// The BFF's settings, read once from the environment and validated: a wrong value stops the
// start with a message naming the variable, rather than failing later mid-request.
import type { BlockList } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseProxyList } from './net/client-ip.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const schema = z.object({
  VIRTDECK_BFF_HOST: z.string().default('127.0.0.1'),
  VIRTDECK_BFF_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** The host registered on first start, when the registry is empty. */
  VIRTDECK_LIBVIRT_URI: z.string().min(1).default('qemu:///system'),
  VIRTDECK_LIBVIRT_NAME: z.string().min(1).max(64).default('local'),
  /** Origins allowed to open websockets (comma-separated): the web app's own. */
  VIRTDECK_WEB_ORIGIN: z.string().default('http://127.0.0.1:3000,http://localhost:3000'),
  /** SQLite file (the default store, for one BFF). */
  VIRTDECK_DATA_DIR: z.string().default(path.join(repoRoot, '.state/data')),
  /** PostgreSQL connection string: several BFF replicas share users, sessions and the audit log. */
  VIRTDECK_DATABASE_URL: z.string().url().optional(),
  /** The first admin's password; without it one is generated and printed once. */
  VIRTDECK_ADMIN_PASSWORD: z.string().min(12).optional(),
  /** Mark cookies Secure (serve over HTTPS). */
  VIRTDECK_SECURE_COOKIES: flag.default(false),
  /** The only folder test-driver node files may come from (`test+unix:///DIR/x.xml`); unset: `/default` only. */
  VIRTDECK_TEST_NODE_DIR: z.string().regex(/^\//, 'must be an absolute path').optional(),
  /** The only folder host URIs may name `keyfile=`, `known_hosts=` and `pkipath=` in; unset: none. */
  VIRTDECK_HOST_KEY_DIR: z.string().regex(/^\//, 'must be an absolute path').optional(),
  /**
   * Seconds between metrics collections (src/metrics/); a divisor of 60, so the 1-minute tier
   * rolls up whole ticks. 0 turns the collector off.
   */
  VIRTDECK_METRICS_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60)
    .refine((s) => s === 0 || 60 % s === 0, 'must divide 60 (or be 0 to turn metrics off)')
    .default(10),
  /**
   * Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR ranges. None by
   * default; behind the web app's forwarder on this machine, `127.0.0.1,::1`.
   */
  VIRTDECK_TRUSTED_PROXIES: z
    .string()
    .default('')
    .superRefine((text, ctx) => {
      const parsed = parseProxyList(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `not an address or CIDR range: ${parsed.bad.join(', ')}` });
    }),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid BFF configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The proxies of VIRTDECK_TRUSTED_PROXIES (validated by loadConfig). */
export function trustedProxies(config: Config): BlockList {
  const parsed = parseProxyList(config.VIRTDECK_TRUSTED_PROXIES);
  if (!parsed.ok) throw new Error(`VIRTDECK_TRUSTED_PROXIES: not an address or CIDR range: ${parsed.bad.join(', ')}`);
  return parsed.list;
}

export function allowedOrigins(config: Config): Set<string> {
  return new Set(config.VIRTDECK_WEB_ORIGIN.split(',').map((o) => o.trim()).filter(Boolean));
}
