import path from 'node:path';

/** The web's static export the BFF serves (apps/web/next.config.ts: VIRTDECK_NEXT_DIST_DIR, default .next-export). */
export const WEB_DIR = path.resolve(import.meta.dirname, '../../apps/web', process.env.VIRTDECK_NEXT_DIST_DIR ?? '.next-export');
