'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useStorageInvalidate } from './use-storage-invalidate';

type PoolType = 'dir' | 'fs' | 'netfs' | 'logical';
const TYPES = [
  { value: 'dir', label: 'Directory (dir)' },
  { value: 'fs', label: 'Local file system (fs)' },
  { value: 'netfs', label: 'Network file system (netfs)' },
  { value: 'logical', label: 'LVM volume group (logical)' },
] as const;

const blank = { name: '', targetPath: '', sourceDevice: '', host: '', dir: '', vgName: '', sourceDevices: '' };

/** Where pools may live on the host: the roots an admin set on the host's card. */
function RootsHint({ roots }: { roots: readonly string[] | undefined }) {
  if (roots === undefined) return null;
  if (roots.length === 0) {
    return (
      <p role="note" className="rounded-md bg-amber-50 p-2 text-xs text-amber-800 dark:bg-amber-950 dark:text-amber-200">
        No pool roots are set for this host yet, so no pool can be defined: set the folders pools may use on the host&apos;s card (Hosts).
      </p>
    );
  }
  return (
    <p role="note" className="text-xs text-zinc-500" data-testid="allowed-roots">
      Paths must lie under {roots.length === 1 ? 'the pool root' : 'one of the pool roots'}{' '}
      {roots.map((r, i) => (
        <span key={r}>
          {i > 0 ? ', ' : ''}
          <code className="font-mono text-zinc-700 dark:text-zinc-300">{r}</code>
        </span>
      ))}
      .
    </p>
  );
}

/**
 * The "define storage pool" form (admins only: it names host paths): dir, fs, netfs and logical
 * pools, with the host's pool roots said up front.
 */
export function DefinePoolDialog({ hostId, hostName }: { hostId: string; hostName: string }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<PoolType>('dir');
  const [f, setF] = useState(blank);
  const [build, setBuild] = useState(true);
  const [autostart, setAutostart] = useState(true);
  const roots = useQuery({ ...trpc.host.poolRoots.queryOptions({ hostId }), enabled: open });
  const define = useMutation(
    trpc.storage.pool.define.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setOpen(false);
      },
    }),
  );
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const err = (k: string) => fieldError(define.error, k);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = { hostId, name: f.name, build, start: true, autostart };
    if (type === 'dir') define.mutate({ ...common, type, targetPath: f.targetPath });
    else if (type === 'fs') define.mutate({ ...common, type, targetPath: f.targetPath, sourceDevice: f.sourceDevice });
    else if (type === 'netfs') define.mutate({ ...common, type, targetPath: f.targetPath, host: f.host, dir: f.dir });
    else {
      const devices = f.sourceDevices.split(/[\s,]+/).filter(Boolean);
      define.mutate({
        ...common,
        type,
        ...(f.vgName && { vgName: f.vgName }),
        ...(devices.length > 0 && { sourceDevices: devices }),
        ...(f.targetPath && { targetPath: f.targetPath }),
      });
    }
  };
  const known = ['name', 'targetPath', 'sourceDevice', 'host', 'dir', 'vgName', 'sourceDevices'];
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setF(blank);
          setType('dir');
          define.reset();
          setOpen(true);
        }}
      >
        <Plus className="size-3.5" aria-hidden /> Define pool
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Define a storage pool on ${hostName}`} description="The pool is defined, built if asked, and started.">
        <form onSubmit={submit} className="space-y-3" aria-label="Define pool">
          <RootsHint roots={roots.data?.roots} />
          <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value as PoolType)} options={TYPES} />
          <Field label="Name" value={f.name} onChange={set('name')} required error={err('name')} autoFocus />
          {type === 'fs' ? <Field label="Source device" value={f.sourceDevice} onChange={set('sourceDevice')} required placeholder="/dev/sdb1" className="font-mono" error={err('sourceDevice')} /> : null}
          {type === 'netfs' ? (
            <div className="grid grid-cols-2 gap-3">
              <Field label="Server" value={f.host} onChange={set('host')} required placeholder="nfs.example.org" error={err('host')} />
              <Field label="Export" value={f.dir} onChange={set('dir')} required placeholder="/exports/images" className="font-mono" error={err('dir')} />
            </div>
          ) : null}
          {type === 'logical' ? (
            <>
              <Field label="Volume group" value={f.vgName} onChange={set('vgName')} placeholder="defaults to the pool name" error={err('vgName')} />
              <Field label="Physical devices" value={f.sourceDevices} onChange={set('sourceDevices')} placeholder="/dev/sdb /dev/sdc (to build a new group)" className="font-mono" error={err('sourceDevices')} />
            </>
          ) : null}
          <Field
            label={type === 'logical' ? 'Target path (optional)' : 'Target path'}
            value={f.targetPath}
            onChange={set('targetPath')}
            required={type !== 'logical'}
            placeholder={type === 'logical' ? '/dev/vgname' : '/var/lib/libvirt/images/pool'}
            className="font-mono"
            error={err('targetPath')}
          />
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={build} onChange={(e) => setBuild(e.target.checked)} className="accent-[var(--color-accent)]" />
              Build the target first
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={autostart} onChange={(e) => setAutostart(e.target.checked)} className="accent-[var(--color-accent)]" />
              Start with the host
            </label>
          </div>
          <FormError message={define.isError && !known.some((k) => err(k)) ? errorMessage(define.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={define.isPending}>
              {define.isPending ? 'Defining…' : 'Define pool'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
