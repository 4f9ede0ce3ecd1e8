// The words for a disk change's answer: what the running VM took, what waits for the guest or
// the next boot, and what happened to a volume.
import type { DetachDiskResult, DiskChangeResult } from '@virtdeck/contract/disk';

export function describeDiskChange(what: string, r: DiskChangeResult | DetachDiskResult): { title: string; description?: string; warn: boolean } {
  const warn = r.live === 'waiting-for-guest' || r.live === 'next-boot';
  const where =
    r.live === 'applied'
      ? 'Applied to the running VM and its definition.'
      : r.live === 'not-running'
        ? 'Saved in the definition.'
        : r.live === 'next-boot'
          ? 'Saved in the definition; the running VM takes it at its next boot.'
          : 'Waiting for the guest to release the disk.';
  const description = [where, r.note].filter(Boolean).join(' ');
  return { title: warn ? `${what}: not complete yet` : what, description, warn };
}
