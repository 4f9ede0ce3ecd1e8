// When a schedule is due: daily at a minute of the day, or weekly on a weekday at one, in UTC
// (the time shown everywhere with "UTC" beside it, so no server time zone or daylight saving
// shifts a run).
export interface Timing {
  frequency: 'daily' | 'weekly';
  /** 0 = Sunday; weekly only. */
  weekday: number | null;
  /** Minutes after midnight, UTC. */
  minuteOfDay: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** 1970-01-01 was a Thursday. */
const EPOCH_WEEKDAY = 4;

/** The first due time strictly after `after`. */
export function nextDue(t: Timing, after: number): number {
  let day = Math.floor(after / DAY);
  for (;;) {
    const at = day * DAY + t.minuteOfDay * MINUTE;
    const weekdayOk = t.frequency === 'daily' || (day + EPOCH_WEEKDAY) % 7 === t.weekday;
    if (at > after && weekdayOk) return at;
    day++;
  }
}

/**
 * The due times in (after, until], oldest first; at most `max` of them (the newest, when there
 * are more: a BFF away for years reports the last ones, and how many it skipped).
 */
export function dueTimesBetween(t: Timing, after: number, until: number, max = 100): { times: number[]; skipped: number } {
  const step = t.frequency === 'daily' ? DAY : 7 * DAY;
  const first = nextDue(t, after);
  if (first > until) return { times: [], skipped: 0 };
  const count = Math.floor((until - first) / step) + 1;
  const skipped = Math.max(0, count - max);
  const times: number[] = [];
  for (let i = skipped; i < count; i++) times.push(first + i * step);
  return { times, skipped };
}

export function timeOfDay(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

export function minuteOfDayOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
