// Tells this process's timeline subscribers that a VM's timeline has a new or changed entry (a
// job started or ended, an audit row or a lifecycle change was written). Other replicas' writes
// are caught by the subscription's slow re-check (see jobs/timeline-follow.ts).
type Listener = (hostId: string, uuid: string) => void;

class TimelineChanges {
  private readonly listeners = new Set<Listener>();

  emit(hostId: string, uuid: string): void {
    for (const l of this.listeners) l(hostId, uuid);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const timelineChanges = new TimelineChanges();

const UUID_LEAD = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\/|$)/i;

/** An audit row was written: when it names a VM (`<uuid>` or `<uuid>/<child>`), that VM's timeline changed. */
export function noteAuditRow(hostId: string | null, objectName: string): void {
  const uuid = UUID_LEAD.exec(objectName)?.[1];
  if (hostId !== null && uuid !== undefined) timelineChanges.emit(hostId, uuid);
}
