// Numbers with units, binary (1 KiB = 1024 bytes), as libvirt counts them.
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${UNITS[unit]}`;
}

export const formatKiB = (kib: number | null | undefined): string => (kib === null || kib === undefined ? '—' : formatBytes(kib * 1024));

export const formatRate = (bytesPerSecond: number): string => `${formatBytes(bytesPerSecond)}/s`;

export const formatPercent = (p: number): string => `${p.toLocaleString('en-US', { maximumFractionDigits: p < 10 ? 1 : 0 })} %`;

/** A VM page's address. */
export const vmHref = (hostId: string, uuid: string): string => `/vms/${encodeURIComponent(hostId)}/${encodeURIComponent(uuid)}`;
