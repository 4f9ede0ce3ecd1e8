'use client';
// A network's static DHCP hosts (from its definition), changed live and in the definition at once
// by operators: add, change the address of one (matched by MAC, or by name for IPv6), remove.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { dhcpHostSchema } from '@virtdeck/contract/network';
import { Button } from '@virtdeck/ui';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { table } from '@virtdeck/ui/table-style';
import { useTRPC } from '~/lib/trpc';
import { errorMessage, fieldError } from '~/lib/trpc-errors';

type Family = 'ipv4' | 'ipv6';
const blank = { mac: '', name: '', ip: '' };

export function NetworkDhcpHosts({ hostId, name, canOperate }: { hostId: string; name: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const net = useQuery(trpc.network.get.queryOptions({ hostId, name, inactive: true }));
  const [family, setFamily] = useState<Family>('ipv4');
  const [f, setF] = useState(blank);
  const [local, setLocal] = useState<string | undefined>();
  const change = useMutation(
    trpc.network.dhcpHost.mutationOptions({
      onSuccess: async () => {
        setF(blank);
        await queryClient.invalidateQueries({ queryKey: trpc.network.pathKey() });
      },
    }),
  );
  if (net.isPending) return <p className="text-xs text-zinc-500">Loading static hosts…</p>;
  if (net.isError) return <FormError message={errorMessage(net.error)} />;
  const ips = net.data.details.ips;
  const rows = ips.flatMap((ip) => ip.dhcpHosts.map((h) => ({ ...h, family: ip.family })));
  const exists = rows.some((r) => r.family === family && (family === 'ipv4' ? r.mac?.toLowerCase() === f.mac.trim().toLowerCase() : r.name === f.name.trim()));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const host = { ip: f.ip.trim(), ...(f.mac.trim() && { mac: f.mac.trim() }), ...(f.name.trim() && { name: f.name.trim() }) };
    const parsed = dhcpHostSchema.safeParse(host);
    setLocal(parsed.success ? undefined : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    change.reset();
    if (!parsed.success) return;
    change.mutate({ hostId, name, family, command: exists ? 'modify' : 'add', host });
  };
  const hostError = local ?? fieldError(change.error, 'host') ?? fieldError(change.error, 'family');
  return (
    <div className="space-y-2" data-testid="dhcp-hosts">
      <h3 className="text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">Static DHCP hosts</h3>
      {rows.length === 0 ? (
        <p className="text-xs text-zinc-500">None.</p>
      ) : (
        <table className={table.table} aria-label={`Static DHCP hosts of ${name}`}>
          <tbody className={table.tbody}>
            {rows.map((h) => (
              <tr key={`${h.family}/${h.mac ?? h.name ?? h.ip}`} data-testid="dhcp-host" data-ip={h.ip}>
                <td className={`${table.td} font-mono text-xs`}>{h.mac ?? '—'}</td>
                <td className={table.td}>{h.name ?? '—'}</td>
                <td className={`${table.td} font-mono text-xs`}>{h.ip}</td>
                {canOperate ? (
                  <td className={`${table.td} text-right`}>
                    <Button
                      size="sm"
                      variant="danger-ghost"
                      aria-label={`Remove static host ${h.ip}`}
                      disabled={change.isPending}
                      onClick={() =>
                        change.mutate({ hostId, name, family: h.family, command: 'delete', host: { ip: h.ip ?? '', ...(h.mac && { mac: h.mac }), ...(h.name && { name: h.name }) } })
                      }
                    >
                      <Trash2 className="size-3.5" aria-hidden />
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canOperate && ips.length > 0 ? (
        <form onSubmit={submit} className="grid grid-cols-[6rem_1fr_1fr_1fr_auto] items-end gap-2" aria-label={`Static DHCP host of ${name}`} noValidate>
          <SelectField
            label="Family"
            value={family}
            onChange={(e) => setFamily(e.target.value as Family)}
            options={ips.map((ip) => ({ value: ip.family, label: ip.family === 'ipv4' ? 'IPv4' : 'IPv6' }))}
          />
          <Field label="MAC address" value={f.mac} onChange={(e) => setF({ ...f, mac: e.target.value })} placeholder={family === 'ipv4' ? '52:54:00:…' : 'not used'} className="font-mono" />
          <Field label="Host name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
          <Field label="IP address" value={f.ip} onChange={(e) => setF({ ...f, ip: e.target.value })} className="font-mono" />
          <Button type="submit" variant="primary" disabled={change.isPending}>
            {exists ? 'Change' : 'Add'}
          </Button>
          {hostError ? (
            <p className="col-span-5 text-xs text-red-700 dark:text-red-400" data-testid="error-host">
              {hostError}
            </p>
          ) : null}
        </form>
      ) : null}
      <FormError message={change.isError && !hostError ? errorMessage(change.error) : null} />
    </div>
  );
}
