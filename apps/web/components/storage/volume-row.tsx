import { formatBytes } from '~/lib/format';
import { table } from '@virtdeck/ui/table-style';
import { DeleteVolumeButton } from './delete-volume-button';
import { DownloadLink } from './download-link';
import { OverlayDialog } from './overlay-dialog';
import { ResizeVolumeDialog } from './resize-volume-dialog';
import type { Volume } from './types';
import { UploadDialog } from './upload-dialog';

export function VolumeRow({ hostId, volume, canOperate, existing }: { hostId: string; volume: Volume; canOperate: boolean; existing: string[] }) {
  const b = volume.backing;
  return (
    <tr data-testid="volume-row" data-volume={volume.name}>
      <td className={table.td}>
        <div className="font-medium">{volume.name}</div>
        <div className="max-w-72 truncate font-mono text-xs text-zinc-500" title={volume.path}>
          {volume.path}
        </div>
      </td>
      <td className={`${table.td} font-mono text-xs`}>{volume.format ?? '—'}</td>
      <td className={table.tdNum}>{formatBytes(volume.capacity)}</td>
      <td className={table.tdNum}>{formatBytes(volume.allocation)}</td>
      <td className={`${table.td} max-w-56 truncate text-xs`} title={b?.path}>
        {b ? (
          b.name ? (
            <span>
              {b.name}
              {b.pool && b.pool !== volume.pool ? <span className="text-zinc-500"> ({b.pool})</span> : null}
            </span>
          ) : (
            <span className="font-mono">{b.path}</span>
          )
        ) : (
          <span className="text-zinc-400">—</span>
        )}
      </td>
      <td className={`${table.td} text-right`}>
        <div className="flex items-center justify-end gap-1">
          {canOperate ? (
            <>
              {/* A disk image holds the guest's data: downloads are for operators too. */}
              <DownloadLink hostId={hostId} volume={volume} />
              <UploadDialog hostId={hostId} pool={volume.pool} existing={existing} target={volume.name} />
              <OverlayDialog hostId={hostId} base={volume} />
              <ResizeVolumeDialog hostId={hostId} volume={volume} />
              <DeleteVolumeButton hostId={hostId} volume={volume} />
            </>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
