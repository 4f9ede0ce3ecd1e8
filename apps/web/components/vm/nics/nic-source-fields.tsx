'use client';
// Where a NIC is plugged in: a libvirt network of the host (listed from `network.list`), a host
// bridge, or QEMU's user-mode NAT. Errors of either field arrive keyed `source`.
import { useQuery } from '@tanstack/react-query';
import type { NicSourceInput } from '@virtdeck/contract/nic';
import { FieldShell, SelectField, fieldProps, inputStyle } from '@virtdeck/ui/field';
import { useId } from 'react';
import { useTRPC } from '~/lib/trpc';

export type SourceForm = { kind: NicSourceInput['kind']; network: string; bridge: string };

export const sourceInput = (f: SourceForm): NicSourceInput =>
  f.kind === 'network' ? { kind: 'network', network: f.network } : f.kind === 'bridge' ? { kind: 'bridge', bridge: f.bridge } : { kind: 'user' };

const KINDS = [
  { value: 'network', label: 'Virtual network' },
  { value: 'bridge', label: 'Host bridge' },
  { value: 'user', label: 'User-mode NAT (no host setup)' },
] as const;

export function NicSourceFields({ hostId, value, onChange, error }: { hostId: string; value: SourceForm; onChange: (v: SourceForm) => void; error: string | undefined }) {
  const trpc = useTRPC();
  const id = useId();
  const nets = useQuery(trpc.network.list.queryOptions({ hostId }, { enabled: value.kind === 'network' }));
  return (
    <div className="space-y-3">
      <SelectField label="Connection" value={value.kind} options={KINDS} onChange={(e) => onChange({ ...value, kind: e.target.value as SourceForm['kind'] })} />
      {value.kind === 'network' ? (
        <FieldShell id={id} label="Virtual network" error={error} hint={nets.isError ? 'Networks could not be listed: type the name' : undefined}>
          {nets.isSuccess ? (
            <select {...fieldProps(id, error, false)} className={inputStyle} value={value.network} onChange={(e) => onChange({ ...value, network: e.target.value })}>
              <option value="">Choose a network…</option>
              {nets.data.map((n) => (
                <option key={n.name} value={n.name}>
                  {n.name}
                  {n.active ? '' : ' (inactive)'}
                </option>
              ))}
            </select>
          ) : (
            <input {...fieldProps(id, error)} className={inputStyle} value={value.network} onChange={(e) => onChange({ ...value, network: e.target.value })} />
          )}
        </FieldShell>
      ) : null}
      {value.kind === 'bridge' ? (
        <FieldShell id={id} label="Bridge" error={error} hint="A bridge on the host, e.g. br0">
          <input {...fieldProps(id, error)} className={inputStyle} value={value.bridge} onChange={(e) => onChange({ ...value, bridge: e.target.value })} />
        </FieldShell>
      ) : null}
      {value.kind === 'user' && error ? <p className="text-xs text-red-700 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
