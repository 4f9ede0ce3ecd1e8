'use client';
// Boot order and boot menu: tick the devices to boot from and move them up or down; the first
// boots first. Written per device into the definition, so a running VM takes it at the next boot.
import { useMutation } from '@tanstack/react-query';
import { bootDeviceKey, setBootSchema, type BootDevice } from '@virtdeck/contract/domain-edit';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import type { DomainDetails } from '~/lib/vm-types';
import { formErrors } from './form-errors';
import type { BootConfig } from './settings-types';
import { useAfterEdit } from './use-edit-mutation';

interface Row {
  device: BootDevice;
  label: string;
  boots: boolean;
}

/** Every disk and NIC, the booting ones first in their order. */
function rowsOf(vm: DomainDetails, boot: BootConfig): Row[] {
  const all: Row[] = [
    ...vm.disks.map((d) => ({ device: { kind: 'disk' as const, target: d.targetDev }, label: `${d.device === 'cdrom' ? 'CD-ROM' : 'Disk'} ${d.targetDev}`, boots: false })),
    ...vm.nics.filter((n) => n.mac).map((n) => ({ device: { kind: 'nic' as const, mac: n.mac as string }, label: `NIC ${n.mac} (${n.source.network ?? n.source.bridge ?? n.type})`, boots: false })),
  ];
  const order = boot.order.map(bootDeviceKey);
  const rank = (r: Row) => {
    const i = order.indexOf(bootDeviceKey(r.device));
    return i < 0 ? order.length : i;
  };
  return all.map((r) => ({ ...r, boots: order.includes(bootDeviceKey(r.device)) })).sort((a, b) => rank(a) - rank(b));
}

export function BootDialog({ hostId, vm, boot, running }: { hostId: string; vm: DomainDetails; boot: BootConfig; running: boolean }) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(hostId, vm.uuid);
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [menu, setMenu] = useState(false);
  const [timeout, setTimeoutText] = useState('');
  const save = useMutation(
    trpc.domain.edit.boot.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        afterEdit(result);
      },
    }),
  );
  const timeoutMs = timeout.trim() === '' ? null : Number(timeout);
  const input = { hostId, uuid: vm.uuid, order: rows.filter((r) => r.boots).map((r) => r.device), menu: { enabled: menu, timeoutMs: menu ? timeoutMs : null } };
  const errors = formErrors(setBootSchema, input, submitted, save.error);
  // A nested field's message comes under its first path segment (menu).
  const timeoutError = errors.menu;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (setBootSchema.safeParse(input).success) save.mutate(input);
  };
  const move = (i: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(i, 1);
      if (row) next.splice(i + by, 0, row);
      return next;
    });
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setRows(rowsOf(vm, boot));
          setMenu(boot.menu.enabled);
          setTimeoutText(boot.menu.timeoutMs === null ? '' : String(boot.menu.timeoutMs));
          setSubmitted(false);
          save.reset();
          setOpen(true);
        }}
      >
        Edit boot order…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Boot order" description={running ? 'The running VM keeps the order it started with; this one applies at the next boot.' : 'The first ticked device boots first.'}>
        <form onSubmit={submit} className="space-y-3" aria-label="Boot order" noValidate>
          <fieldset className="space-y-1">
            <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Devices</legend>
            {rows.length === 0 ? <p className="text-sm text-zinc-500">This VM has no disk or NIC to boot from.</p> : null}
            <ol className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {rows.map((r, i) => (
                <li key={bootDeviceKey(r.device)} className="flex items-center gap-2 px-2 py-1.5 text-sm" data-testid="boot-row">
                  <input
                    type="checkbox"
                    id={`boot-${i}`}
                    checked={r.boots}
                    onChange={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, boots: e.target.checked } : x)))}
                    aria-label={`Boot from ${r.label}`}
                  />
                  <label htmlFor={`boot-${i}`} className="flex-1 truncate">
                    {r.label}
                  </label>
                  <Button size="sm" variant="ghost" aria-label={`Move ${r.label} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    <ArrowUp aria-hidden className="size-3.5" />
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={`Move ${r.label} down`} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                    <ArrowDown aria-hidden className="size-3.5" />
                  </Button>
                </li>
              ))}
            </ol>
            {errors.order ? (
              <p className="text-xs text-red-700 dark:text-red-400" role="alert" data-testid="error-boot-order">
                {errors.order}
              </p>
            ) : null}
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={menu} onChange={(e) => setMenu(e.target.checked)} /> Show the boot menu
          </label>
          {menu ? <Field label="Menu timeout, ms" inputMode="numeric" value={timeout} onChange={(e) => setTimeoutText(e.target.value)} error={timeoutError} hint="Empty: the firmware's default." /> : null}
          <FormError message={save.isError && !errors.order && !timeoutError ? errorMessage(save.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={save.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
