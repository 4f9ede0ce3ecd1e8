'use client';
// Create a VM: host, name, memory, vCPUs, disk, ISO, network, graphics, start after create. The
// checks mirror the BFF's createDomainSchema; what the server still refuses is shown by its field.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, ErrorState, Skeleton } from '@virtdeck/ui';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import { useCanOperate } from '~/lib/use-me';
import { emptyForm, serverErrorsToForm, toInput, validate, type CreateForm, type FormErrors, type Graphics } from '~/lib/vm-create';
import { errorMessage, fieldErrors } from '~/lib/trpc-errors';
import { vmHref } from '~/lib/format';
import { ChoiceGroup } from './choice-group';
import { DiskSection } from './disk-section';
import { FieldShell, fieldProps, inputStyle } from '@virtdeck/ui/field';
import { FormSection } from './form-section';
import { IsoSection } from './iso-section';
import { NetworkSection } from './network-section';

const GRAPHICS: { value: Graphics; label: string }[] = [
  { value: 'vnc', label: 'VNC' },
  { value: 'spice', label: 'SPICE' },
  { value: 'none', label: 'None' },
];

export function CreateWizard() {
  const trpc = useTRPC();
  const router = useRouter();
  const canOperate = useCanOperate();
  const hosts = useQuery(trpc.host.list.queryOptions());
  const connected = useMemo(() => (hosts.data ?? []).filter((h) => h.state?.status === 'connected'), [hosts.data]);
  const [form, setForm] = useState<CreateForm>(emptyForm());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});

  // The first connected host is chosen for you.
  useEffect(() => {
    if (form.hostId === '' && connected[0]) setForm((f) => ({ ...f, hostId: connected[0]?.id ?? '' }));
  }, [connected, form.hostId]);

  const create = useMutation(
    trpc.domain.create.mutationOptions({
      onSuccess: (vm, input) => {
        toast.success(`Created ${vm.name}`);
        router.push(vmHref(input.hostId, vm.uuid));
      },
      onError: (e) => {
        const mapped = serverErrorsToForm(fieldErrors(e), form);
        setServerErrors(Object.keys(mapped).length > 0 ? mapped : { form: errorMessage(e) });
      },
    }),
  );

  const clientErrors = validate(form);
  const errors: FormErrors = { ...(submitted ? clientErrors : {}), ...serverErrors };
  const set = (patch: Partial<CreateForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setServerErrors({});
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const first = Object.keys(clientErrors)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    create.mutate(toInput(form));
  };

  if (!canOperate) return <ErrorState title="Your role may not create VMs" message="Ask an admin for the operator role." />;
  if (hosts.isPending) return <Skeleton className="h-96" label="Loading hosts" />;
  if (hosts.isError) return <ErrorState title="Could not list hosts" message={hosts.error.message} />;
  if (connected.length === 0) return <ErrorState title="No connected host" message="A VM is created on a connected libvirt host; none is connected now." />;

  return (
    <form onSubmit={submit} noValidate aria-label="Create a virtual machine" className="max-w-3xl space-y-4">
      <FormSection title="Basics">
        <div className="grid gap-3 sm:grid-cols-2">
          <FieldShell id="hostId" label="Host" error={errors.hostId}>
            <select {...fieldProps('hostId', errors.hostId)} className={inputStyle} value={form.hostId} onChange={(e) => set({ hostId: e.target.value, diskPool: '', diskSource: '', isoPool: '', isoVolume: '' })}>
              {connected.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </FieldShell>
          <FieldShell id="name" label="Name" error={errors.name} hint="Letters, digits and _ . + -">
            <input {...fieldProps('name', errors.name)} className={inputStyle} value={form.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" />
          </FieldShell>
          <FieldShell id="memoryMiB" label="Memory (MiB)" error={errors.memoryMiB}>
            <input {...fieldProps('memoryMiB', errors.memoryMiB)} type="number" min={16} step={1} inputMode="numeric" className={`${inputStyle} text-right tabular-nums`} value={form.memoryMiB} onChange={(e) => set({ memoryMiB: e.target.value })} />
          </FieldShell>
          <FieldShell id="vcpus" label="vCPUs" error={errors.vcpus}>
            <input {...fieldProps('vcpus', errors.vcpus)} type="number" min={1} max={256} step={1} inputMode="numeric" className={`${inputStyle} text-right tabular-nums`} value={form.vcpus} onChange={(e) => set({ vcpus: e.target.value })} />
          </FieldShell>
        </div>
      </FormSection>
      <FormSection title="Storage">
        <DiskSection form={form} set={set} errors={errors} />
        <IsoSection form={form} set={set} errors={errors} />
      </FormSection>
      <FormSection title="Network and display">
        <NetworkSection form={form} set={set} errors={errors} />
        <ChoiceGroup legend="Graphics" name="graphics" value={form.graphics} options={GRAPHICS} onChange={(v) => set({ graphics: v })} />
      </FormSection>
      {errors.form ? <ErrorState title="The VM was not created" message={errors.form} /> : null}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create VM
        </Button>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={form.start} onChange={(e) => set({ start: e.target.checked })} className="size-4 accent-[var(--color-accent)]" />
          Start after creating
        </label>
        <Button variant="ghost" onClick={() => router.push('/vms')}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
