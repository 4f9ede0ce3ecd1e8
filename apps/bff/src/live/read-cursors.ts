// Where each browser session's live subscription should start. A page's first data is often read
// before its websocket opens (the first-page batch starts before the scripts run), and a
// subscription that starts without a last event id hears only what happens after it: a VM
// suspended in between would stay "running" on that page. So every query a session makes notes
// the event log's position before it reads (the oldest such note since the session's last
// subscription start), and a subscription that starts without an id resumes from that note: the
// events logged since are replayed. One the data already had changes nothing when applied again
// (each carries the row after it); a note the log no longer reaches gets a `resync`.

/** The event log (event-log.ts), as far as notes need it. */
interface Log {
  cursor(): string;
}

interface Note {
  cursor: string;
  /** A subscription started from it: the session's next query begins a new note. */
  taken: boolean;
}

/** Sessions noted at most, per log: past it the oldest note goes (that page would miss a gap). */
const MAX_NOTES = 10_000;

const notesByLog = new WeakMap<Log, Map<string, Note>>();

function notesOf(log: Log): Map<string, Note> {
  let notes = notesByLog.get(log);
  if (!notes) notesByLog.set(log, (notes = new Map()));
  return notes;
}

/** A query of `sessionId` is about to read state. */
export function noteRead(log: Log, sessionId: string): void {
  const notes = notesOf(log);
  const note = notes.get(sessionId);
  if (note && !note.taken) return;
  notes.delete(sessionId);
  notes.set(sessionId, { cursor: log.cursor(), taken: false });
  if (notes.size > MAX_NOTES) notes.delete(notes.keys().next().value!);
}

/** Where a subscription of `sessionId` that names no last event id starts: its oldest unheard read. */
export function subscriptionStart(log: Log, sessionId: string): string | undefined {
  const note = notesOf(log).get(sessionId);
  if (!note) return undefined;
  note.taken = true;
  return note.cursor;
}
