import type { NextConfig } from 'next';

// The web is a static export (`next build` writes HTML, JS and CSS; nothing of it runs
// server-side): the BFF process serves it on the web port with HTTPS, the security headers and
// each page's hash-based CSP (apps/bff/src/web/), and answers /trpc, /api, /console and /metrics
// itself. Pages render in the browser (SessionGate); each dynamic route is one placeholder page
// that reads its segments from the URL (lib/path-params.ts).
//
// Where the export goes: apps/web/$VIRTDECK_NEXT_DIST_DIR (default `.next-export`), so several
// builds side by side in one tree (parallel work, a bench beside a test run) each keep their own;
// the BFF's VIRTDECK_WEB_DIR names it. Next compiles into `.next` first whatever the export
// folder, so `build` holds a lock on it (package.json): two builds at once take turns.
const config: NextConfig = {
  output: 'export',
  reactStrictMode: true,
  poweredByHeader: false,
  distDir: process.env.VIRTDECK_NEXT_DIST_DIR ?? '.next-export',
  // Workspace packages exported from source. The BFF is imported for types only (lint enforces it);
  // @virtdeck/libvirt-xml: only "./chain-paths" (a layer's host path).
  transpilePackages: ['@virtdeck/ui', '@virtdeck/contract', '@virtdeck/libvirt-xml'],
};

export default config;
