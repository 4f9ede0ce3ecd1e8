// A domain's typed-parameter groups (scheduler, memory, blkio, NUMA), read and written as plain
// records. Reading asks the daemon how many parameters there are first, as libvirt-python does,
// with VIR_TYPED_PARAM_STRING_OKAY as libvirt's C library adds it (else string fields are left out);
// writing encodes each value with the type the daemon reported for its field, since
// virTypedParamsValidate refuses a value of another type.
import { remoteProcedures as rp, VirDomainModificationImpact, VirTypedParameterFlags, VirTypedParameterType } from '../gen/index.js';
import type { RemoteNonnullDomain, RemoteTypedParam } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { flagsOf, enumName, type Flags } from './names.js';
import { decodeTypedParams, encodeTypedParams, type TypedParams, type TypedParamType, type TypedValue } from './typed-params.js';

/** The parameter groups of virDomainGet/Set{Scheduler,Memory,Blkio,Numa}Parameters. */
export type DomainParamGroup = 'scheduler' | 'memory' | 'blkio' | 'numa';

/** Which definition a read or write applies to (VIR_DOMAIN_AFFECT_*): ['LIVE'], ['CONFIG'] or both. */
export type ParamImpact = Flags<typeof VirDomainModificationImpact>;

/** The impact as flags; undefined when none was given (the scheduler calls without flags). */
function impactFlags(impact: ParamImpact | undefined): number | undefined {
  return impact === undefined ? undefined : flagsOf(VirDomainModificationImpact, impact);
}

async function readRaw(rpc: RpcConnection, dom: RemoteNonnullDomain, group: DomainParamGroup, flags: number | undefined): Promise<RemoteTypedParam[]> {
  switch (group) {
    case 'scheduler': {
      const { nparams } = await rpc.call(rp.domainGetSchedulerType, { dom });
      if (nparams === 0) return [];
      // Without an impact, the call without flags, as libvirt-python makes it: the flags variant
      // gets VIR_TYPED_PARAM_STRING_OKAY added by the daemon, which some drivers (test) refuse.
      if (flags === undefined) return (await rpc.call(rp.domainGetSchedulerParameters, { dom, nparams })).params;
      return (await rpc.call(rp.domainGetSchedulerParametersFlags, { dom, nparams, flags })).params;
    }
    case 'memory': {
      const f = (flags ?? 0) | VirTypedParameterFlags.OKAY;
      const { nparams } = await rpc.call(rp.domainGetMemoryParameters, { dom, nparams: 0, flags: f });
      return nparams === 0 ? [] : (await rpc.call(rp.domainGetMemoryParameters, { dom, nparams, flags: f })).params;
    }
    case 'blkio': {
      const f = (flags ?? 0) | VirTypedParameterFlags.OKAY;
      const { nparams } = await rpc.call(rp.domainGetBlkioParameters, { dom, nparams: 0, flags: f });
      return nparams === 0 ? [] : (await rpc.call(rp.domainGetBlkioParameters, { dom, nparams, flags: f })).params;
    }
    case 'numa': {
      const f = (flags ?? 0) | VirTypedParameterFlags.OKAY;
      const { nparams } = await rpc.call(rp.domainGetNumaParameters, { dom, nparams: 0, flags: f });
      return nparams === 0 ? [] : (await rpc.call(rp.domainGetNumaParameters, { dom, nparams, flags: f })).params;
    }
  }
}

/** A group's parameters as a record, e.g. scheduler → { cpu_shares: 1024, vcpu_period: 100000n }. */
export async function getDomainParams(rpc: RpcConnection, dom: RemoteNonnullDomain, group: DomainParamGroup, impact?: ParamImpact): Promise<TypedParams> {
  return decodeTypedParams(await readRaw(rpc, dom, group, impactFlags(impact)));
}

/**
 * Sets some parameters of a group. Each field is encoded with the type the daemon gives it;
 * a field the daemon does not list throws RangeError before anything is sent.
 */
export async function setDomainParams(
  rpc: RpcConnection,
  dom: RemoteNonnullDomain,
  group: DomainParamGroup,
  values: Readonly<Record<string, TypedValue | undefined>>,
  impact?: ParamImpact,
): Promise<void> {
  const flags = impactFlags(impact);
  const current = await readRaw(rpc, dom, group, flags);
  const schema: Record<string, TypedParamType> = {};
  for (const p of current) schema[p.field] = enumName(VirTypedParameterType, p.value.type)?.toUpperCase() as TypedParamType;
  const params = encodeTypedParams(schema, values);
  switch (group) {
    case 'scheduler':
      if (flags === undefined) return rpc.call(rp.domainSetSchedulerParameters, { dom, params });
      return rpc.call(rp.domainSetSchedulerParametersFlags, { dom, params, flags });
    case 'memory':
      return rpc.call(rp.domainSetMemoryParameters, { dom, params, flags: flags ?? 0 });
    case 'blkio':
      return rpc.call(rp.domainSetBlkioParameters, { dom, params, flags: flags ?? 0 });
    case 'numa':
      return rpc.call(rp.domainSetNumaParameters, { dom, params, flags: flags ?? 0 });
  }
}
