import type { NextConfig } from 'next';

// The web is a static export (`next build` writes HTML, JS and CSS, nothing runs server-side):
// the BFF process serves it on the web port with HTTPS, the security headers and the pages' CSP
// (apps/bff/src/web/), and answers /trpc, /api, /console and /metrics itself. Pages render in the
// browser (SessionGate); the dynamic routes are one placeholder page each (lib/path-params.ts).
//
// Where the export goes: VIRTDECK_NEXT_DIST_DIR (default `out`), relative to apps/web, so several
// builds side by side in one tree (parallel work, a bench beside a test run) each keep their own.
// Next builds into `.next` first whatever the export folder is, so `pnpm build` takes a lock on it
// (package.json): two builds at once wait for each other instead of writing the same files.
// Until the BFF front replaces server.mjs, the export is asked for with VIRTDECK_WEB_EXPORT=1.
const exporting = process.env.VIRTDECK_WEB_EXPORT === '1';
const folder = process.env.VIRTDECK_NEXT_DIST_DIR ?? (exporting ? 'out' : '.next');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  ...(exporting ? { output: 'export' as const } : {}),
  distDir: folder,
  // Workspace packages exported from source. The BFF is imported for types only (lint enforces it);
  // @virtdeck/libvirt-xml: only "./chain-paths" (a layer's host path).
  transpilePackages: ['@virtdeck/ui', '@virtdeck/contract', '@virtdeck/libvirt-xml'],
};

export default config;
