// What feeds the VM timelines from libvirt's events: lifecycle changes, and the ends of the
// block jobs the BFF started. Started once per process with the other services.
import type { Db } from '../db/database.js';
import type { EventLog } from '../live/event-log.js';
import type { LiveEvent } from '../live/live-events.js';
import { startBlockJobRecorder } from './blockjob-history.js';
import { startLifecycleRecorder, type LifecycleRecorderOptions } from './lifecycle-recorder.js';

export function startTimelineRecorders(db: Db, events: EventLog<LiveEvent>, opts: LifecycleRecorderOptions = {}): () => void {
  const stops = [startLifecycleRecorder(db, events, opts), startBlockJobRecorder(db, events)];
  return () => stops.forEach((stop) => stop());
}
