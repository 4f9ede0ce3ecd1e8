// A domain's row (what the VM list shows of it) right after one of its lifecycle events: the
// event names the change, the row is its result, so a list changes that row alone. A pause or a
// resume of a running domain changes the state alone, so its row is the domain's previous row
// with the state the event names, with no call to the daemon; any other event (a start gives a
// new id, a define may change vCPUs or memory, an undefine may remove it), or a pause or resume
// of a domain whose running row we have not seen yet, reads the row afresh.
import { isNoDomain, type DomainLifecycleEvent, type Libvirt } from '@virtdeck/libvirt-client';
import type { DomainRow } from '@virtdeck/contract/live';

/** The row; null when the domain is gone; undefined when it could not be read (the host went away). */
type RowAfter = DomainRow | null | undefined;

/** Events whose only change is the state: the state they leave the domain in. */
const STATE_ONLY: Partial<Record<NonNullable<DomainLifecycleEvent['event']>, DomainRow['state']>> = {
  suspended: 'paused',
  resumed: 'running',
};

async function readRow(lv: Libvirt, uuid: string): Promise<RowAfter> {
  try {
    return await lv.domains.get(uuid);
  } catch (e) {
    return isNoDomain(e) ? null : undefined;
  }
}

/** One host connection's domains, each with the row its latest event left (in event order). */
export class DomainRows {
  private readonly latest = new Map<string, Promise<RowAfter>>();

  constructor(private readonly lv: Libvirt) {}

  /** The row after `e`; call in the order events arrive, since each builds on the one before. */
  after(e: DomainLifecycleEvent): Promise<RowAfter> {
    const uuid = e.domain.uuid;
    const state = e.event ? STATE_ONLY[e.event] : undefined;
    const before = this.latest.get(uuid);
    const row =
      state && before
        ? before.then((prev) => (prev?.id != null ? { ...prev, state } : readRow(this.lv, uuid)))
        : readRow(this.lv, uuid);
    this.latest.set(uuid, row);
    // A domain that is gone needs no entry: a new one with its uuid is read afresh.
    void row.then((r) => r === null && this.latest.get(uuid) === row && this.latest.delete(uuid));
    return row;
  }
}
