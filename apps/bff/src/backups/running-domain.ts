// Checkpoints of a shut-off VM can only be deleted (merged into their parent) with the VM running
// (libvirt 9.0: "cannot delete checkpoint for inactive domain"); this runs `work` with the domain
// started paused when it is off, and destroys it after. Paused, the guest runs no code.
import type { Libvirt } from '@virtdeck/libvirt-client';

export async function withDomainUp<T>(lv: Libvirt, uuid: string, work: () => Promise<T>): Promise<T> {
  const wasActive = await lv.domains.isActive(uuid);
  if (!wasActive) await lv.domains.start(uuid, ['START_PAUSED']);
  try {
    return await work();
  } finally {
    if (!wasActive) await lv.domains.destroy(uuid).catch(() => undefined);
  }
}
