import type { NextConfig } from 'next';

// The browser talks only to this app: server.mjs forwards /trpc, /api and /console to the BFF (at
// run time, so the BFF address is not baked into the build) and sets every response's security
// headers, the pages' CSP with a per-request nonce included (server/security-headers.mjs).
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Several builds side by side in one tree (parallel work, a bench beside a test run) each take a
  // folder of their own; `next build` and `next start` read the same variable.
  distDir: process.env.VIRTDECK_NEXT_DIST_DIR ?? '.next',
  // Workspace packages exported from source. The BFF is imported for types only (lint enforces it);
  // @virtdeck/libvirt-xml: only "./chain-paths" (a layer's host path).
  transpilePackages: ['@virtdeck/ui', '@virtdeck/contract', '@virtdeck/libvirt-xml'],
};

export default config;
