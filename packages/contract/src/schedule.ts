// Backup schedules and VM tags: inputs shared by the BFF and the schedule forms. Times are UTC.
import { z } from './zod-jitless.ts';
import { domainInput } from './domain.ts';

/** Tags group VMs for schedules: lower-case letters, digits, '.', '_' and '-'. */
export const tagSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(40, 'at most 40 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'");

export const vmTagsInput = domainInput.extend({ tags: z.array(tagSchema).max(20, 'at most 20 tags') });

export const scheduleNameSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "letters, digits, spaces, '.', '_' or '-'");

/** "HH:MM", 24-hour, UTC. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 02:30');

export const scheduleTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('vms'), uuids: z.array(z.uuid()).min(1, 'choose at least one VM').max(200) }),
  z.object({ kind: z.literal('tag'), tag: tagSchema }),
]);
export type ScheduleTarget = z.infer<typeof scheduleTargetSchema>;

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const scheduleSpecSchema = z
  .object({
    name: scheduleNameSchema,
    target: scheduleTargetSchema,
    frequency: z.enum(['daily', 'weekly']),
    /** 0 = Sunday; weekly schedules only. */
    weekday: z.number().int().min(0).max(6).nullish(),
    /** UTC. */
    time: timeOfDaySchema,
    keepFullSets: z.number({ error: 'a whole number' }).int('a whole number').min(1, 'at least 1').max(100, 'at most 100'),
    enabled: z.boolean().default(true),
  })
  .refine((s) => s.frequency === 'daily' || (s.weekday !== null && s.weekday !== undefined), { path: ['weekday'], message: 'choose a day of the week' });
export type ScheduleSpec = z.input<typeof scheduleSpecSchema>;

export const scheduleIdInput = z.object({ id: z.uuid() });

export type ScheduleRunStatus = 'running' | 'ok' | 'failed' | 'missed';

export interface ScheduleRun {
  dueAt: number;
  status: ScheduleRunStatus;
  startedAt: number | null;
  endedAt: number | null;
  detail: string | null;
}

export interface Schedule {
  id: string;
  hostId: string;
  name: string;
  target: ScheduleTarget;
  frequency: 'daily' | 'weekly';
  weekday: number | null;
  /** "HH:MM", UTC. */
  time: string;
  keepFullSets: number;
  enabled: boolean;
  createdAt: number;
  createdBy: string;
  /** The next due time (epoch ms), null when disabled. */
  nextDueAt: number | null;
  /** The newest runs first (ran or missed). */
  recentRuns: ScheduleRun[];
}
