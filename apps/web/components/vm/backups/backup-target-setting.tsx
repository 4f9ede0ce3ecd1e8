'use client';
// The host's backup target: a directory pool an admin chooses (backups write files there, so it is
// a host-path decision: admins only). Others see which pool it is.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from '@virtdeck/ui';
import { FieldShell, fieldProps, inputStyle } from '@virtdeck/ui/field';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { useMe } from '~/lib/use-me';
import { useBackupsInvalidate } from './use-backups-invalidate';

export function BackupTargetSetting({ hostId, current }: { hostId: string; current: string | null }) {
  const trpc = useTRPC();
  const isAdmin = useMe()?.user.role === 'admin';
  const invalidate = useBackupsInvalidate();
  const target = useQuery({ ...trpc.backup.target.queryOptions({ hostId }), enabled: isAdmin });
  const [pool, setPool] = useState('');
  const save = useMutation(
    trpc.backup.setTarget.mutationOptions({
      onSuccess: async (r) => {
        toast.success(`Backups of this host now go to ${r.pool}`);
        await invalidate();
      },
    }),
  );
  if (!isAdmin) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="backup-target">
        Backup target: {current ? <span className="font-medium">{current}</span> : 'none yet (an admin chooses one)'}
      </p>
    );
  }
  const chosen = pool || current || '';
  const error = save.isError ? (fieldError(save.error, 'pool') ?? errorMessage(save.error)) : undefined;
  return (
    <form
      className="flex items-end gap-2"
      aria-label="Backup target"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) save.mutate({ hostId, pool: chosen });
      }}
    >
      <FieldShell id="backup-target" label="Backup target (a directory pool of this host)" error={error}>
        <select {...fieldProps('backup-target', error)} className={inputStyle} value={chosen} onChange={(e) => setPool(e.target.value)} disabled={!target.isSuccess}>
          <option value="">{target.isSuccess ? 'Choose a pool…' : 'Loading pools…'}</option>
          {(target.data?.candidates ?? []).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </FieldShell>
      <Button type="submit" size="md" pending={save.isPending} disabled={!chosen || chosen === current}>
        Save target
      </Button>
    </form>
  );
}
