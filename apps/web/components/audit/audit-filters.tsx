'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Field, SelectField } from '@virtdeck/ui/field';
import { emptyFilter, OBJECT_TYPES, type AuditFilterForm } from './audit-filter';

export function AuditFilters({ value, onChange }: { value: AuditFilterForm; onChange: (f: AuditFilterForm) => void }) {
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions());
  const hosts = useQuery(trpc.host.list.queryOptions());
  const set = <K extends keyof AuditFilterForm>(k: K, v: AuditFilterForm[K]) => onChange({ ...value, [k]: v });
  const any = { value: '', label: 'Any' };
  return (
    <form
      aria-label="Filter the audit log"
      onSubmit={(e) => e.preventDefault()}
      className="grid grid-cols-2 gap-3 rounded-lg border border-zinc-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-8 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <SelectField label="User" value={value.userId} onChange={(e) => set('userId', e.target.value)} options={[any, ...(users.data ?? []).map((u) => ({ value: u.id, label: u.username }))]} />
      <SelectField label="Host" value={value.hostId} onChange={(e) => set('hostId', e.target.value)} options={[any, ...(hosts.data ?? []).map((h) => ({ value: h.id, label: h.name }))]} />
      <SelectField label="Object type" value={value.objectType} onChange={(e) => set('objectType', e.target.value)} options={[any, ...OBJECT_TYPES.map((t) => ({ value: t, label: t }))]} />
      <Field label="Action" value={value.action} onChange={(e) => set('action', e.target.value)} placeholder="e.g. delete" />
      <SelectField
        label="Result"
        value={value.result}
        onChange={(e) => set('result', e.target.value as AuditFilterForm['result'])}
        options={[any, { value: 'ok', label: 'ok' }, { value: 'error', label: 'error' }]}
      />
      <Field label="From" type="datetime-local" value={value.since} onChange={(e) => set('since', e.target.value)} />
      <Field label="Until" type="datetime-local" value={value.until} onChange={(e) => set('until', e.target.value)} />
      <div className="flex items-end">
        <Button className="w-full" onClick={() => onChange(emptyFilter)}>
          Clear
        </Button>
      </div>
    </form>
  );
}
