'use client';
// What the guest agent reports: OS, hostname, time zone, file systems (with use), logged-in users.
import type { GuestAgentInfo } from '@virtdeck/contract/guest';
import { table } from '@virtdeck/ui/table-style';
import type { ReactNode } from 'react';
import { formatBytes, formatTime } from '~/lib/format';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-0.5 truncate text-sm font-medium">{children}</dd>
    </div>
  );
}

/** "UTC+01:00" */
function utcOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const m = Math.floor(Math.abs(seconds) / 60);
  return `UTC${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function AgentInfo({ info }: { info: GuestAgentInfo }) {
  const os = info.os;
  return (
    <div className="space-y-3" data-testid="agent-info">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Item label="OS">{os ? (os.prettyName ?? os.name ?? os.id ?? '—') : '—'}</Item>
        <Item label="Kernel">{os?.kernelRelease ? `${os.kernelRelease}${os.machine ? ` · ${os.machine}` : ''}` : '—'}</Item>
        <Item label="Hostname">
          <span data-testid="agent-hostname">{info.hostname ?? '—'}</span>
        </Item>
        <Item label="Time zone">{info.timezone ? `${info.timezone.name ?? ''} ${utcOffset(info.timezone.offsetSeconds)}`.trim() : '—'}</Item>
        <Item label="Users">{info.users.length ? info.users.map((u) => `${u.name}${u.loginTime ? ` (since ${formatTime(u.loginTime)})` : ''}`).join(', ') : 'none logged in'}</Item>
      </dl>
      {info.fileSystems.length > 0 ? (
        <div className={table.wrap}>
          <table className={table.table} aria-label="Guest file systems">
            <thead className={table.thead}>
              <tr>
                <th className={table.th}>Mount point</th>
                <th className={table.th}>Device</th>
                <th className={table.th}>Type</th>
                <th className={table.thNum}>Used</th>
                <th className={table.thNum}>Size</th>
              </tr>
            </thead>
            <tbody className={table.tbody}>
              {info.fileSystems.map((f) => (
                <tr key={`${f.mountpoint}/${f.name}`}>
                  <td className={`${table.td} font-mono text-xs`}>{f.mountpoint}</td>
                  <td className={table.td}>{f.name}</td>
                  <td className={table.td}>{f.fstype}</td>
                  <td className={table.tdNum}>{f.usedBytes === null ? '—' : formatBytes(f.usedBytes)}</td>
                  <td className={table.tdNum}>{f.totalBytes === null ? '—' : formatBytes(f.totalBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
