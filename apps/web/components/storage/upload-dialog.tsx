'use client';
import { useMutation } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage } from '~/lib/trpc-errors';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { formatBytes } from '~/lib/format';
import { ProgressBar } from '@virtdeck/ui/progress-bar';
import { useStorageInvalidate } from './use-storage-invalidate';
import { useUpload } from './use-upload';

/**
 * Uploads a file into a volume: into `target` (a row's "Upload"), or into a new raw volume of the
 * file's size named after it. The pool is refreshed afterwards so libvirt re-reads the format.
 */
export function UploadDialog({ hostId, pool, existing, target }: { hostId: string; pool: string; existing: string[]; target?: string }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState(target ?? '');
  const upload = useUpload();
  const create = useMutation(trpc.storage.volume.create.mutationOptions());
  const refresh = useMutation(trpc.storage.pool.refresh.mutationOptions());
  const exists = existing.includes(name);
  const busy = upload.state.phase === 'sending' || create.isPending;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    if (!exists) await create.mutateAsync({ hostId, pool, name, format: 'raw', capacityBytes: Math.max(1, file.size) });
    const ok = await upload.start(hostId, pool, name, file);
    if (ok) await refresh.mutateAsync({ hostId, name: pool }).catch(() => undefined);
    await invalidate();
  };

  return (
    <>
      <Button
        size="sm"
        variant={target ? 'ghost' : 'secondary'}
        title={target ? `Upload into ${target}` : undefined}
        aria-label={target ? `Upload into ${target}` : undefined}
        onClick={() => {
          setFile(null);
          setName(target ?? '');
          upload.reset();
          create.reset();
          setOpen(true);
        }}
      >
        <Upload className="size-3.5" aria-hidden />
        {target ? null : 'Upload'}
      </Button>
      <Dialog
        open={open}
        onOpenChange={(o) => {
          if (!o && busy) upload.cancel();
          setOpen(o);
        }}
        title={target ? `Upload into ${target}` : `Upload an image to ${pool}`}
      >
        <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Upload">
          <div className="space-y-1">
            <label htmlFor="upload-file" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
              File
            </label>
            <input
              id="upload-file"
              type="file"
              required
              disabled={busy}
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                if (f && !target) setName(f.name);
              }}
              className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-2 file:py-1 file:text-sm dark:file:border-zinc-700 dark:file:bg-zinc-900"
            />
            {file ? <p className="text-xs tabular-nums text-zinc-500">{formatBytes(file.size)}</p> : null}
          </div>
          {target ? null : (
            <Field
              label="Volume name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              disabled={busy}
              hint={exists ? 'A volume with this name exists: its content is replaced.' : 'A new raw volume of the file’s size is created.'}
            />
          )}
          {target ? <p className="text-sm text-amber-700 dark:text-amber-400">The content of {target} is replaced by the file.</p> : null}
          {upload.state.phase === 'sending' || upload.state.phase === 'done' ? (
            <ProgressBar
              label="Upload progress"
              done={upload.state.phase === 'done' ? 1 : upload.state.sent}
              total={upload.state.phase === 'done' ? 1 : upload.state.total || null}
            />
          ) : null}
          {upload.state.phase === 'done' ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              Uploaded {formatBytes(upload.state.total)} into {name}.
            </p>
          ) : null}
          <FormError message={upload.state.phase === 'error' ? upload.state.message : create.isError ? errorMessage(create.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            {busy ? (
              <Button onClick={upload.cancel}>Cancel upload</Button>
            ) : (
              <Button onClick={() => setOpen(false)}>{upload.state.phase === 'done' ? 'Close' : 'Cancel'}</Button>
            )}
            {upload.state.phase === 'done' ? null : (
              <Button type="submit" variant="primary" disabled={busy || !file || name === ''}>
                {busy ? 'Uploading…' : 'Upload'}
              </Button>
            )}
          </div>
        </form>
      </Dialog>
    </>
  );
}
