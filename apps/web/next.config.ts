import type { NextConfig } from 'next';

// The browser talks only to this app: /trpc is forwarded to the BFF by app/trpc/[...path]/route.ts
// (at run time, so the BFF address is not baked into the build).
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@virtdeck/ui'],
};

export default config;
