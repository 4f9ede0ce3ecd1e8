// The schedule view's words (when, in UTC; what; runs) and the form's round trip to the contract.
import { scheduleSpecSchema, type Schedule } from '@virtdeck/contract/schedule';
import { describe, expect, it } from 'vitest';
import { emptyForm, formOf, specOf } from '../../components/schedules/schedule-form-state';
import { keepText, runBadge, targetText, utcText, whenText } from '../../components/schedules/schedule-text';

const uuid = '00000000-0000-4000-8000-000000000001';

describe('schedule text', () => {
  it('says when, in UTC', () => {
    expect(whenText({ frequency: 'daily', weekday: null, time: '02:30' })).toBe('Daily at 02:30 UTC');
    expect(whenText({ frequency: 'weekly', weekday: 1, time: '03:00' })).toBe('Mondays at 03:00 UTC');
    expect(utcText(Date.UTC(2026, 0, 5, 2, 30))).toBe('2026-01-05 02:30 UTC');
  });

  it('says what and how many sets', () => {
    expect(targetText({ target: { kind: 'tag', tag: 'web' } }, (u) => u)).toBe('VMs tagged web');
    expect(targetText({ target: { kind: 'vms', uuids: [uuid] } }, () => 'db1')).toBe('db1');
    expect(keepText(1)).toBe('keeps 1 full set');
    expect(runBadge({ dueAt: 0, status: 'missed', startedAt: null, endedAt: null, detail: null })).toEqual({ tone: 'amber', label: 'missed' });
  });

  it('turns the form into a valid spec and back', () => {
    const spec = specOf({ ...emptyForm([uuid]), name: 'nightly', frequency: 'weekly', weekday: 3 });
    expect(scheduleSpecSchema.parse(spec)).toMatchObject({ name: 'nightly', weekday: 3, keepFullSets: 3, target: { kind: 'vms', uuids: [uuid] } });
    expect(scheduleSpecSchema.safeParse(specOf({ ...emptyForm(), name: 'x' })).success).toBe(false);
    const s = { id: uuid, hostId: 'h', name: 'n', target: { kind: 'tag', tag: 'web' }, frequency: 'daily', weekday: null, time: '01:00', keepFullSets: 2, enabled: false, createdAt: 0, createdBy: 'op', nextDueAt: null, recentRuns: [] } satisfies Schedule;
    expect(specOf(formOf(s))).toEqual({ name: 'n', target: { kind: 'tag', tag: 'web' }, frequency: 'daily', weekday: null, time: '01:00', keepFullSets: 2, enabled: false });
  });
});
