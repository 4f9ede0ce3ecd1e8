// Storage: one router with a sub-router per libvirt object, `storage.pool.*` (storage/pool.ts)
// and `storage.volume.*` (storage/volume.ts). Inputs live in storage/schemas.ts for the web app's
// forms; the backing forest and dependants logic in storage/backing.ts.
import { router } from '../trpc.js';
import { poolRouter } from './storage/pool.js';
import { volumeRouter } from './storage/volume.js';

export const storageRouter = router({
  pool: poolRouter,
  volume: volumeRouter,
});
