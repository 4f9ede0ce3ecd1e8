'use client';
// Create or edit a backup schedule (operators): which VMs (chosen, or every VM with a tag), daily
// or weekly at a UTC time, how many full sets to keep. The contract's schema checks the form
// before sending; the server's refusals show beside their field.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { scheduleSpecSchema, WEEKDAYS, type Schedule } from '@virtdeck/contract/schedule';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { FormError } from '@virtdeck/ui/form-error';
import { SelectField } from '@virtdeck/ui/select-field';
import { Field } from '@virtdeck/ui/text-field';
import { useState, type ReactNode } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { emptyForm, formOf, specOf, type ScheduleForm } from './schedule-form-state';

export function ScheduleDialog({ hostId, schedule, presetVm, trigger }: { hostId: string; schedule?: Schedule; presetVm?: string; trigger: (open: () => void) => ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<ScheduleForm>(() => emptyForm());
  const [tried, setTried] = useState(false);
  const vms = useQuery({ ...trpc.domain.list.queryOptions({ hostId }), enabled: open });
  const done = async () => {
    setOpen(false);
    await queryClient.invalidateQueries({ queryKey: trpc.schedule.pathKey() });
  };
  const create = useMutation(trpc.schedule.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.schedule.update.mutationOptions({ onSuccess: done }));
  const save = schedule ? update : create;
  const parsed = scheduleSpecSchema.safeParse(specOf(form));
  const issues = tried && !parsed.success ? Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])) : {};
  const err = (field: string) => issues[field] ?? fieldError(save.error, field);
  const set = <K extends keyof ScheduleForm>(k: K, v: ScheduleForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const show = () => {
    setForm(schedule ? formOf(schedule) : emptyForm(presetVm ? [presetVm] : []));
    setTried(false);
    save.reset();
    setOpen(true);
  };
  const submit = () => {
    setTried(true);
    if (!parsed.success) return;
    const spec = parsed.data;
    if (schedule) update.mutate({ hostId, id: schedule.id, spec });
    else create.mutate({ hostId, spec });
  };
  const title = schedule ? `Edit schedule ${schedule.name}` : 'New backup schedule';
  return (
    <>
      {trigger(show)}
      <Dialog open={open} onOpenChange={setOpen} title={title} description="Times are UTC. After each run, older full sets beyond the number kept are deleted." wide>
        <form
          aria-label="Backup schedule"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field label="Name" value={form.name} onChange={(e) => set('name', e.target.value)} error={err('name')} />
          <SelectField
            label="Back up"
            value={form.targetKind}
            onChange={(e) => set('targetKind', e.target.value as 'vms' | 'tag')}
            options={[
              { value: 'vms', label: 'These VMs' },
              { value: 'tag', label: 'Every VM with a tag' },
            ]}
          />
          {form.targetKind === 'tag' ? (
            <Field label="Tag" value={form.tag} onChange={(e) => set('tag', e.target.value)} error={err('target')} hint="A VM gets tags on its page, in the Schedules tab." />
          ) : (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">VMs</legend>
              <div className="max-h-40 space-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
                {vms.isPending ? <p className="text-zinc-500">Loading VMs…</p> : null}
                {vms.isError ? <FormError message={errorMessage(vms.error)} /> : null}
                {(vms.data ?? []).map((vm) => (
                  <label key={vm.uuid} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={form.uuids.includes(vm.uuid)}
                      onChange={(e) => set('uuids', e.target.checked ? [...form.uuids, vm.uuid] : form.uuids.filter((u) => u !== vm.uuid))}
                    />
                    {vm.name}
                  </label>
                ))}
              </div>
              {err('target') ? <p className="text-xs text-red-600">{err('target')}</p> : null}
            </fieldset>
          )}
          <div className="grid grid-cols-3 gap-3">
            <SelectField
              label="How often"
              value={form.frequency}
              onChange={(e) => set('frequency', e.target.value as 'daily' | 'weekly')}
              options={[
                { value: 'daily', label: 'Daily' },
                { value: 'weekly', label: 'Weekly' },
              ]}
            />
            {form.frequency === 'weekly' ? (
              <SelectField label="Day" value={String(form.weekday)} onChange={(e) => set('weekday', Number(e.target.value))} options={WEEKDAYS.map((d, i) => ({ value: String(i), label: d }))} error={err('weekday')} />
            ) : (
              <span />
            )}
            <Field label="Time (UTC)" type="time" value={form.time} onChange={(e) => set('time', e.target.value)} error={err('time')} />
          </div>
          <Field label="Full sets to keep" type="number" min={1} max={100} value={form.keepFullSets} onChange={(e) => set('keepFullSets', e.target.value)} error={err('keepFullSets')} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
            Enabled
          </label>
          <FormError message={save.isError && !fieldError(save.error, 'name') ? errorMessage(save.error) : null} />
          <div className="flex justify-end gap-2 pt-1">
            <Button type="button" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : schedule ? 'Save' : 'Create schedule'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
