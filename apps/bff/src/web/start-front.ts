// Starts the web front (front.ts) beside the BFF's API port when VIRTDECK_WEB_DIR names the web's
// static export. Planned first (settings, certificate, the export read), before the BFF starts, so
// a setting that cannot work stops the start before anything listens.
import type http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createWebFront, type BffHandlers } from './front.js';
import { loadSite, type StaticSite } from './static-site.js';
import { loadTls, type LoadedTls } from './tls.js';
import { listenPlan, loadWebConfig, type ListenPlan } from './web-config.js';

export interface PlannedFront {
  plan: ListenPlan;
  tls: LoadedTls | null;
  site: StaticSite;
}

export interface RunningFront {
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Null when no web dir is configured; throws StartRefused on a setting that cannot work. */
export function planWebFront(env: Record<string, string | undefined>): PlannedFront | null {
  const config = loadWebConfig(env);
  if (!config.VIRTDECK_WEB_DIR) return null;
  const plan = listenPlan(config);
  const tls = plan.tls ? loadTls(plan.tls, plan.host) : null;
  return { plan, tls, site: loadSite(config.VIRTDECK_WEB_DIR) };
}

export async function startWebFront(
  { plan, tls, site }: PlannedFront,
  bff: BffHandlers,
  log: (line: string) => void = console.log,
): Promise<RunningFront> {
  const server: http.Server | https.Server = createWebFront({ site, bff, tls });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(plan.port, plan.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const host = plan.host.includes(':') ? `[${plan.host}]` : plan.host;
  const origin = `${tls ? 'https' : 'http'}://${host}:${port}`;
  log(`[web] ${origin} (${site.files.size} files, ${(site.bytes / 1024).toFixed(0)} KiB from ${site.dir})`);
  if (tls) {
    const made = tls.generated ? 'made a self-signed certificate' : 'certificate';
    log(`[web] ${made} ${tls.certFile}, SHA-256 ${tls.fingerprint}, for ${tls.names.join(', ')}`);
  }
  return {
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
