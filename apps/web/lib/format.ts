// Numbers with units, binary (1 KiB = 1024 bytes), as libvirt counts them.
import { formatBytes } from '@virtdeck/contract/format';

export { formatBytes, formatKiB } from '@virtdeck/contract/format';

export const formatRate = (bytesPerSecond: number): string => `${formatBytes(bytesPerSecond)}/s`;

export const formatPercent = (p: number): string => `${p.toLocaleString('en-US', { maximumFractionDigits: p < 10 ? 1 : 0 })} %`;

/** A VM page's address. */
export const vmHref = (hostId: string, uuid: string): string => `/vms/${encodeURIComponent(hostId)}/${encodeURIComponent(uuid)}`;
