// A domain's row (what the VM list shows of it) read right after one of its lifecycle events:
// the event names the change, the row is its result, so a list changes that row alone.
import { isNoDomain, type Libvirt } from '@virtdeck/libvirt-client';
import type { DomainRow } from '@virtdeck/contract/live';

/** The row, null when the domain is gone, undefined when it could not be read (the host went away). */
export async function domainRowAfter(lv: Libvirt, uuid: string): Promise<DomainRow | null | undefined> {
  try {
    return await lv.domains.get(uuid);
  } catch (e) {
    return isNoDomain(e) ? null : undefined;
  }
}
