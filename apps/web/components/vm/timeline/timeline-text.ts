// What a timeline entry says, in words: pure, so it is unit-tested without a browser.
import type { TimelineEntry } from '@virtdeck/contract/timeline';
import type { Tone } from '@virtdeck/ui';

/** "1.2 s", "3 min 5 s", "2 h 4 min" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}

const LIFECYCLE: Record<string, string> = {
  defined: 'Defined',
  undefined: 'Undefined',
  started: 'Started',
  suspended: 'Paused',
  resumed: 'Resumed',
  stopped: 'Stopped',
  shutdown: 'Shut down',
  pmsuspended: 'Suspended by the guest',
  crashed: 'Crashed',
};

const JOB: Record<string, string> = { blockjob: 'Block job', snapshot: 'Snapshot', backup: 'Backup', restore: 'Restore', clone: 'Clone' };

export interface EntryText {
  /** What happened, one line. */
  title: string;
  /** More: libvirt's detail, the job's detail, the audit row's object. */
  detail: string | null;
  /** Who: the user or the schedule. */
  who: string | null;
  /** A state badge, when the entry has one. */
  badge: { tone: Tone; label: string } | null;
}

export function entryText(e: TimelineEntry): EntryText {
  if (e.kind === 'lifecycle') {
    const event = e.event ?? 'unknown';
    return { title: LIFECYCLE[event] ?? event, detail: e.detail, who: null, badge: null };
  }
  if (e.kind === 'job') {
    const outcome = e.outcome;
    const badge =
      outcome === 'ok'
        ? { tone: 'green' as const, label: `ok in ${formatDuration(e.durationMs ?? 0)}` }
        : outcome === 'failed'
          ? { tone: 'red' as const, label: `failed after ${formatDuration(e.durationMs ?? 0)}` }
          : outcome === 'cancelled'
            ? { tone: 'zinc' as const, label: 'cancelled' }
            : outcome === 'missed'
              ? { tone: 'amber' as const, label: 'missed' }
              : { tone: 'blue' as const, label: 'running' };
    const detail = [e.detail, e.error].filter((x): x is string => x !== null && x !== '').join(' — ') || null;
    return { title: JOB[e.job] ?? e.job, detail, who: e.actor, badge };
  }
  const child = e.objectName.includes('/') ? e.objectName.slice(e.objectName.indexOf('/') + 1) : null;
  return {
    title: `${e.objectType === 'domain' ? '' : `${e.objectType} `}${e.action}`.trim(),
    detail: [child, e.detail].filter((x): x is string => x !== null && x !== '').join(' — ') || null,
    who: e.username,
    badge: e.result === 'ok' ? null : { tone: 'red', label: 'refused' },
  };
}
