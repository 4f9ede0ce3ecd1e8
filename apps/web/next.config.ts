import type { NextConfig } from 'next';

// The browser talks only to this app: /trpc is forwarded to the BFF by app/trpc/[...path]/route.ts
// (at run time, so the BFF address is not baked into the build).
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // @virtdeck/bff: only its zod schemas ("@virtdeck/bff/schemas"), shared with the forms;
  // @virtdeck/libvirt-xml: only "./chain-paths" (a layer's host path).
  transpilePackages: ['@virtdeck/ui', '@virtdeck/bff', '@virtdeck/libvirt-xml'],
};

export default config;
