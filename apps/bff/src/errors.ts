// One place that turns the errors of the layers below into tRPC errors: a libvirt error keeps its
// libvirt code (in the cause, formatted into `data.libvirt`), a host that is down says so.
import { TRPCError } from '@trpc/server';
import { LibvirtError, TimeoutError, TransportError, VirErrorNumber } from '@virtdeck/libvirt-client';
import { ForbiddenError } from './auth/roles.js';
import { LastAdminError, UserExistsError, UserNotFoundError } from './auth/users.js';
import { HostExistsError } from './db/hosts.js';
import { HostUnavailableError } from './hosts/host-connection.js';
import { UnknownHostError } from './hosts/host-manager.js';

type Code = TRPCError['code'];

const NOT_FOUND_CODES = new Set<number>([
  VirErrorNumber.ERR_NO_DOMAIN,
  VirErrorNumber.ERR_NO_NETWORK,
  VirErrorNumber.ERR_NO_STORAGE_POOL,
  VirErrorNumber.ERR_NO_STORAGE_VOL,
  VirErrorNumber.ERR_NO_DOMAIN_SNAPSHOT,
]);

function libvirtCode(e: LibvirtError): Code {
  if (NOT_FOUND_CODES.has(e.code)) return 'NOT_FOUND';
  if (e.code === VirErrorNumber.ERR_NO_SUPPORT) return 'NOT_IMPLEMENTED';
  if (e.code === VirErrorNumber.ERR_OPERATION_INVALID) return 'CONFLICT';
  if (e.code === VirErrorNumber.ERR_OPERATION_DENIED || e.code === VirErrorNumber.ERR_AUTH_FAILED) return 'FORBIDDEN';
  return 'BAD_REQUEST';
}

/** The tRPC error for anything a procedure threw, or null to let tRPC handle it. */
export function toTRPCError(e: unknown): TRPCError | null {
  if (e instanceof TRPCError) return null;
  const wrap = (code: Code, err: Error) => new TRPCError({ code, message: err.message, cause: err });
  if (e instanceof LibvirtError) return wrap(libvirtCode(e), e);
  if (e instanceof HostUnavailableError) return wrap('SERVICE_UNAVAILABLE', e);
  if (e instanceof TransportError) return wrap('SERVICE_UNAVAILABLE', e);
  if (e instanceof TimeoutError) return wrap('TIMEOUT', e);
  if (e instanceof UnknownHostError || e instanceof UserNotFoundError) return wrap('NOT_FOUND', e);
  if (e instanceof ForbiddenError) return wrap('FORBIDDEN', e);
  if (e instanceof UserExistsError || e instanceof HostExistsError || e instanceof LastAdminError) return wrap('CONFLICT', e);
  return null;
}
