// Numbers for people: binary units, local times.
export { formatBytes, formatKiB, parseSize } from '@virtdeck/contract/format';

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "in 12 s", "in 3 min" */
export function formatIn(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((ms - now) / 1000));
  if (s < 60) return `in ${s} s`;
  return `in ${Math.round(s / 60)} min`;
}
