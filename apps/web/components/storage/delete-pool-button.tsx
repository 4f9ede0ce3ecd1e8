'use client';
import { useMutation } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { ConfirmAction } from '~/components/shell/confirm-action';
import type { Pool } from './types';
import { useStorageInvalidate } from './use-storage-invalidate';

export function DeletePoolButton({ hostId, pool, onDeleted }: { hostId: string; pool: Pool; onDeleted?: (() => void) | undefined }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const [deleteStorage, setDeleteStorage] = useState(false);
  const remove = useMutation(
    trpc.storage.pool.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDeleted?.();
      },
    }),
  );
  return (
    <ConfirmAction
      title={`Delete pool ${pool.name}?`}
      confirmLabel={`Delete ${pool.name}`}
      onConfirm={() => remove.mutateAsync({ hostId, name: pool.name, deleteStorage })}
      trigger={
        <Button size="sm" variant="danger-ghost" aria-label={`Delete pool ${pool.name}`}>
          <Trash2 className="size-3.5" aria-hidden />
        </Button>
      }
    >
      <p>
        The pool <strong>{pool.name}</strong> is stopped and its definition removed.
        {deleteStorage ? ' Its storage is deleted too.' : ' Its volumes stay on disk at '}
        {deleteStorage ? null : <span className="font-mono text-xs">{pool.targetPath ?? 'the target'}</span>}
      </p>
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={deleteStorage} onChange={(e) => setDeleteStorage(e.target.checked)} className="mt-1 accent-red-600" />
        <span>
          Also delete the pool&apos;s storage (the directory, file system or volume group). <strong>Every volume in it is lost.</strong>
          <span className="mt-1 block text-xs text-zinc-500">libvirt removes a directory only when it is empty: delete the volumes first.</span>
        </span>
      </label>
    </ConfirmAction>
  );
}
