// A clone's progress, while someone watches it: each new volume's allocation against what its
// source holds (libvirt reports no progress of virStorageVolCreateXMLFrom, and the new volume
// grows as it is written), sampled every `intervalMs`. Ends once the clone is defined.
import { isNoDomain, type Libvirt } from '@virtdeck/libvirt-client';
import type { CloneProgress } from '@virtdeck/contract/clone';
import { clonePlan } from './clone-plan.js';

interface Watch {
  lv: Libvirt;
  uuid: string;
  name: string;
  mode: 'full' | 'linked';
  pool: string;
  intervalMs: number;
  signal: AbortSignal | undefined;
}

const defined = (lv: Libvirt, name: string) =>
  lv.domains.lookup(name).then(
    () => true,
    (e: unknown) => {
      if (isNoDomain(e)) return false;
      throw e;
    },
  );

/** Waits `ms`, or less when the watcher leaves; leaves no listener behind on the signal. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function* watchClone({ lv, uuid, name, mode, pool, intervalMs, signal }: Watch): AsyncGenerator<CloneProgress> {
  const plan = await clonePlan(lv, uuid, name, mode);
  let last = '';
  while (!signal?.aborted) {
    const finished = await defined(lv, name);
    const disks = await Promise.all(
      plan.disks.map(async (d) => {
        const total = Math.max(1, d.source.allocation);
        // Not there yet, or still being made (its header may not be readable yet): nothing done.
        const vol = finished ? null : await lv.volumes.get({ pool, name: d.volume }).catch(() => null);
        return { disk: d.disk, volume: d.volume, done: finished ? total : Math.min(total, vol?.allocation ?? 0), total };
      }),
    );
    const sample = { disks, finished };
    const key = JSON.stringify(sample);
    if (key !== last) yield sample;
    last = key;
    if (finished) return;
    await pause(intervalMs, signal);
  }
}
