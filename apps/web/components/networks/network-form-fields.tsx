'use client';
// The fields of the define/edit network form: forward mode, bridge and forward device, then an
// IPv4 and an IPv6 block with a DHCP range each. Errors sit next to their field.
import { Field, SelectField } from '@virtdeck/ui/field';
import type { AddressBlock, NetworkFormState } from './network-form-state';
import { FORWARDS } from './network-form-state';

type Errors = Record<string, string | undefined>;

function Block({ family, value, onChange, errors }: { family: 'v4' | 'v6'; value: AddressBlock; onChange: (b: AddressBlock) => void; errors: Errors }) {
  const set = (k: keyof AddressBlock) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  const v4 = family === 'v4';
  return (
    <fieldset className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <legend className="px-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">{v4 ? 'IPv4' : 'IPv6 (optional)'}</legend>
      <div className="grid grid-cols-[1fr_6rem] gap-2">
        <Field label={`${v4 ? 'IPv4' : 'IPv6'} address`} value={value.address} onChange={set('address')} placeholder={v4 ? '192.168.100.1' : 'fd00:100::1'} className="font-mono" error={errors[`${family}.address`]} />
        <Field label={`${v4 ? 'IPv4' : 'IPv6'} prefix`} value={value.prefix} onChange={set('prefix')} placeholder={v4 ? '24' : '64'} inputMode="numeric" error={errors[`${family}.prefix`]} />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <Field label={`${v4 ? 'IPv4' : 'IPv6'} DHCP start`} value={value.dhcpStart} onChange={set('dhcpStart')} placeholder="none: no DHCP" className="font-mono" error={errors[`${family}.dhcpStart`]} />
        <Field label={`${v4 ? 'IPv4' : 'IPv6'} DHCP end`} value={value.dhcpEnd} onChange={set('dhcpEnd')} className="font-mono" error={errors[`${family}.dhcpEnd`]} />
      </div>
    </fieldset>
  );
}

export function NetworkFormFields({ value, onChange, errors, editing }: { value: NetworkFormState; onChange: (s: NetworkFormState) => void; errors: Errors; editing: boolean }) {
  const set = (k: 'name' | 'bridge' | 'forwardDev') => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  const bridged = value.forward === 'bridge';
  return (
    <>
      {editing ? null : <Field label="Name" value={value.name} onChange={set('name')} required autoFocus error={errors.name} />}
      <SelectField label="Forwarding" value={value.forward} onChange={(e) => onChange({ ...value, forward: e.target.value as NetworkFormState['forward'] })} options={FORWARDS} error={errors.forward} />
      <div className="grid grid-cols-2 gap-2">
        <Field
          label={bridged ? 'Host bridge' : 'Bridge (optional)'}
          value={value.bridge}
          onChange={set('bridge')}
          required={bridged}
          placeholder={bridged ? 'br0' : 'libvirt picks virbrN'}
          className="font-mono"
          error={errors.bridge}
        />
        {value.forward === 'nat' || value.forward === 'route' ? (
          <Field label="Host interface (optional)" value={value.forwardDev} onChange={set('forwardDev')} placeholder="any" className="font-mono" error={errors.forwardDev} />
        ) : null}
      </div>
      {bridged ? (
        <p className="text-xs text-zinc-500">Guests join the host bridge directly; addresses and DHCP come from that network, not from libvirt.</p>
      ) : (
        <>
          <Block family="v4" value={value.v4} onChange={(v4) => onChange({ ...value, v4 })} errors={errors} />
          <Block family="v6" value={value.v6} onChange={(v6) => onChange({ ...value, v6 })} errors={errors} />
          {errors.ips ? (
            <p className="text-xs text-red-700 dark:text-red-400" data-testid="error-ips">
              {errors.ips}
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
