// What a VM timeline entry says: lifecycle names in words, a job's outcome with its duration (a
// missed scheduled run stands out), an audit row's action, child object and who.
import { describe, expect, it } from 'vitest';
import { entryText, formatDuration } from '../../components/vm/timeline/timeline-text';

const job = { kind: 'job' as const, id: 'j:1', at: 0, job: 'snapshot' as const, detail: 'create internal snapshot s1', actor: 'op1', endedAt: 1500, durationMs: 1500, outcome: 'ok' as const, error: null };

describe('timeline text', () => {
  it('formats durations', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(7_440_000)).toBe('2 h 4 min');
  });

  it('names lifecycle changes in words', () => {
    expect(entryText({ kind: 'lifecycle', id: 'l:1', at: 0, event: 'suspended', detail: 'paused' })).toMatchObject({ title: 'Paused', detail: 'paused', badge: null });
  });

  it("shows a job's outcome and duration, and a missed run", () => {
    expect(entryText(job)).toMatchObject({ title: 'Snapshot', who: 'op1', badge: { tone: 'green', label: 'ok in 1.5 s' } });
    expect(entryText({ ...job, outcome: 'failed', error: 'disk full' })).toMatchObject({ detail: 'create internal snapshot s1 — disk full', badge: { tone: 'red' } });
    expect(entryText({ ...job, job: 'backup', outcome: 'missed', endedAt: null, durationMs: null, actor: 'schedule:nightly' })).toMatchObject({ title: 'Backup', who: 'schedule:nightly', badge: { tone: 'amber', label: 'missed' } });
    expect(entryText({ ...job, outcome: null, endedAt: null, durationMs: null }).badge).toEqual({ tone: 'blue', label: 'running' });
  });

  it('names an audit row by its action and child object, marking a refused one', () => {
    const row = { kind: 'audit' as const, id: 'a:1', at: 0, username: 'op1', action: 'create', objectType: 'snapshot', objectName: 'u/s1', result: 'ok' as const, detail: null };
    expect(entryText(row)).toEqual({ title: 'snapshot create', detail: 's1', who: 'op1', badge: null });
    expect(entryText({ ...row, objectType: 'domain', action: 'start', objectName: 'u', result: 'error', detail: 'no' })).toEqual({ title: 'start', detail: 'no', who: 'op1', badge: { tone: 'red', label: 'refused' } });
  });
});
