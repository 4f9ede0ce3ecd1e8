'use client';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { Button, buttonStyle } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { FormError } from '@virtdeck/ui/form-error';
import { formatBytes } from '~/lib/format';
import { ProgressBar } from '@virtdeck/ui/progress-bar';
import { transferUrl } from './transfer-url';
import type { Volume } from './types';
import { useDownload } from './use-download';

/**
 * A real link to the volume's bytes (open it in a new tab to let the browser download it alone);
 * a plain click downloads in the page with a progress bar.
 */
export function DownloadLink({ hostId, volume }: { hostId: string; volume: Volume }) {
  const url = transferUrl('download', hostId, volume.pool, volume.name);
  const download = useDownload();
  const [open, setOpen] = useState(false);
  const s = download.state;
  return (
    <>
      <a
        href={url}
        download={volume.name}
        title={`Download ${volume.name}`}
        aria-label={`Download ${volume.name}`}
        className={buttonStyle({ variant: 'ghost', size: 'sm' })}
        onClick={(e) => {
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          setOpen(true);
          void download.start(url, volume.name);
        }}
      >
        <Download className="size-3.5" aria-hidden />
      </a>
      <Dialog
        open={open}
        onOpenChange={(o) => {
          if (!o && s.phase === 'receiving') download.cancel();
          setOpen(o);
        }}
        title={`Download ${volume.name}`}
      >
        <div className="space-y-3">
          {s.phase === 'receiving' || s.phase === 'done' ? (
            <ProgressBar label="Download progress" done={s.phase === 'done' ? 1 : s.received} total={s.phase === 'done' ? 1 : s.total} />
          ) : null}
          {s.phase === 'done' ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              Downloaded {formatBytes(s.total)}.
            </p>
          ) : null}
          <FormError message={s.phase === 'error' ? s.message : null} />
          <div className="flex justify-end">
            {s.phase === 'receiving' ? <Button onClick={download.cancel}>Cancel download</Button> : <Button onClick={() => setOpen(false)}>Close</Button>}
          </div>
        </div>
      </Dialog>
    </>
  );
}
