// A backup schedule in words: when it runs (in UTC, said so), what it backs up, how its last run
// went. Pure, so it is unit-tested without a browser.
import { WEEKDAYS, type Schedule, type ScheduleRun } from '@virtdeck/contract/schedule';
import type { Tone } from '@virtdeck/ui';

export function whenText(s: Pick<Schedule, 'frequency' | 'weekday' | 'time'>): string {
  if (s.frequency === 'daily') return `Daily at ${s.time} UTC`;
  return `${WEEKDAYS[s.weekday ?? 0]}s at ${s.time} UTC`;
}

export function targetText(s: Pick<Schedule, 'target'>, vmName: (uuid: string) => string): string {
  if (s.target.kind === 'tag') return `VMs tagged ${s.target.tag}`;
  return s.target.uuids.map(vmName).join(', ');
}

export function keepText(n: number): string {
  return `keeps ${n} full set${n === 1 ? '' : 's'}`;
}

export function runBadge(run: ScheduleRun): { tone: Tone; label: string } {
  switch (run.status) {
    case 'ok':
      return { tone: 'green', label: 'ok' };
    case 'failed':
      return { tone: 'red', label: 'failed' };
    case 'missed':
      return { tone: 'amber', label: 'missed' };
    default:
      return { tone: 'blue', label: 'running' };
  }
}

/** The due time as the server counts it (UTC), for a schedule's runs list. */
export function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
