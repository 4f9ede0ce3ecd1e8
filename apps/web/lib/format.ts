// Numbers and times for people: binary units (1 KiB = 1024 bytes, as libvirt counts), rates,
// percentages, local times; and a VM page's address.
import { formatBytes } from '@virtdeck/contract/format';

export { formatBytes, formatKiB, parseSize } from '@virtdeck/contract/format';

export const formatRate = (bytesPerSecond: number): string => `${formatBytes(bytesPerSecond)}/s`;

export const formatPercent = (p: number): string => `${p.toLocaleString('en-US', { maximumFractionDigits: p < 10 ? 1 : 0 })} %`;

/** A VM page's address. */
export const vmHref = (hostId: string, uuid: string): string => `/vms/${encodeURIComponent(hostId)}/${encodeURIComponent(uuid)}`;

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "in 12 s", "in 3 min" */
export function formatIn(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((ms - now) / 1000));
  if (s < 60) return `in ${s} s`;
  return `in ${Math.round(s / 60)} min`;
}
