'use client';
// The wizard's network: none, a libvirt network (listed from `network.list`), or a host bridge.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';
import type { CreateForm, FormErrors, NetworkKind } from '~/lib/vm-create';
import { ChoiceGroup } from './choice-group';
import { FieldShell, fieldProps, inputStyle } from '@virtdeck/ui/field';

const KINDS: { value: NetworkKind; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'network', label: 'Virtual network' },
  { value: 'bridge', label: 'Host bridge' },
];

export function NetworkSection({ form, set, errors }: { form: CreateForm; set: (patch: Partial<CreateForm>) => void; errors: FormErrors }) {
  const trpc = useTRPC();
  const nets = useQuery(trpc.network.list.queryOptions({ hostId: form.hostId }, { enabled: form.hostId !== '' && form.networkKind === 'network' }));
  return (
    <div className="space-y-3">
      <ChoiceGroup legend="Network" name="network-kind" value={form.networkKind} options={KINDS} onChange={(v) => set({ networkKind: v })} />
      {form.networkKind === 'network' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <FieldShell id="network" label="Virtual network" error={errors.network} hint={nets.isError ? 'Networks could not be listed: type the name' : undefined}>
            {nets.isSuccess ? (
              <select {...fieldProps('network', errors.network)} className={inputStyle} value={form.network} onChange={(e) => set({ network: e.target.value })}>
                <option value="">Choose a network…</option>
                {nets.data.map((n) => (
                  <option key={n.name} value={n.name}>
                    {n.name}
                    {n.active ? '' : ' (inactive)'}
                  </option>
                ))}
              </select>
            ) : (
              <input {...fieldProps('network', errors.network)} className={inputStyle} value={form.network} onChange={(e) => set({ network: e.target.value })} />
            )}
          </FieldShell>
        </div>
      ) : null}
      {form.networkKind === 'bridge' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <FieldShell id="bridge" label="Bridge" error={errors.bridge} hint="A bridge on the host, e.g. br0">
            <input {...fieldProps('bridge', errors.bridge)} className={inputStyle} value={form.bridge} onChange={(e) => set({ bridge: e.target.value })} />
          </FieldShell>
        </div>
      ) : null}
    </div>
  );
}
