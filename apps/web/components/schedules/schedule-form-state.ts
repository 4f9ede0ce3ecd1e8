// The schedule form's fields and their conversion to the contract's spec (and back, to edit).
import type { Schedule, ScheduleSpec } from '@virtdeck/contract/schedule';

export interface ScheduleForm {
  name: string;
  targetKind: 'vms' | 'tag';
  uuids: string[];
  tag: string;
  frequency: 'daily' | 'weekly';
  weekday: number;
  time: string;
  keepFullSets: string;
  enabled: boolean;
}

export const emptyForm = (uuids: string[] = []): ScheduleForm => ({
  name: '',
  targetKind: 'vms',
  uuids,
  tag: '',
  frequency: 'daily',
  weekday: 0,
  time: '02:00',
  keepFullSets: '3',
  enabled: true,
});

export const formOf = (s: Schedule): ScheduleForm => ({
  name: s.name,
  targetKind: s.target.kind,
  uuids: s.target.kind === 'vms' ? s.target.uuids : [],
  tag: s.target.kind === 'tag' ? s.target.tag : '',
  frequency: s.frequency,
  weekday: s.weekday ?? 0,
  time: s.time,
  keepFullSets: String(s.keepFullSets),
  enabled: s.enabled,
});

export const specOf = (f: ScheduleForm): ScheduleSpec => ({
  name: f.name,
  target: f.targetKind === 'vms' ? { kind: 'vms', uuids: f.uuids } : { kind: 'tag', tag: f.tag },
  frequency: f.frequency,
  weekday: f.frequency === 'weekly' ? f.weekday : null,
  time: f.time,
  keepFullSets: Number(f.keepFullSets),
  enabled: f.enabled,
});
