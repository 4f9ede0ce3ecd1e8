// One place that turns the errors of the layers below into tRPC errors: a libvirt error keeps its
// libvirt code (in the cause, formatted into `data.libvirt`), a host that is down says so.
import { TRPCError } from '@trpc/server';
import { isNoSupport, LibvirtError, TimeoutError, TransportError, VirErrorNumber } from '@virtdeck/libvirt-client';
import { BuildError } from '@virtdeck/libvirt-xml';
import { ForbiddenError } from './auth/roles.js';
import { LastAdminError, UserExistsError, UserNotFoundError } from './auth/users.js';
import { HostExistsError } from './db/hosts.js';
import { HostUnavailableError } from './hosts/host-connection.js';
import { UnknownHostError } from './hosts/host-manager.js';
import { fieldError } from './routers/field-error.js';
import { DatabaseUnavailableError, isDatabaseUnreachable } from './replicas/database-health.js';

type Code = TRPCError['code'];

import type { DependantList } from '@virtdeck/contract/errors';

export type { DependantList };

/**
 * An action refused because other objects depend on the target (e.g. deleting a base image that
 * overlays or domain disks still read). Becomes PRECONDITION_FAILED with `data.dependants`.
 */
export class DependantsError extends Error {
  override readonly name = 'DependantsError';
  constructor(
    message: string,
    readonly dependants: DependantList,
  ) {
    super(message);
  }
}

const NOT_FOUND_CODES = new Set<number>([
  VirErrorNumber.ERR_NO_DOMAIN,
  VirErrorNumber.ERR_NO_NETWORK,
  VirErrorNumber.ERR_NO_STORAGE_POOL,
  VirErrorNumber.ERR_NO_STORAGE_VOL,
  VirErrorNumber.ERR_NO_DOMAIN_SNAPSHOT,
]);

function libvirtCode(e: LibvirtError): Code {
  if (NOT_FOUND_CODES.has(e.code)) return 'NOT_FOUND';
  // A procedure newer than the daemon (libvirt 9.0 answers "unknown procedure") or a driver
  // that lacks the operation: the UI says "not supported by this host".
  if (isNoSupport(e)) return 'NOT_IMPLEMENTED';
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
  if (e instanceof DependantsError) return wrap('PRECONDITION_FAILED', e);
  // PostgreSQL went away under the call: one clear, typed refusal instead of pg's own words.
  if (isDatabaseUnreachable(e)) return wrap('SERVICE_UNAVAILABLE', e instanceof DatabaseUnavailableError ? e : new DatabaseUnavailableError({ cause: e }));
  // An XML builder refused a field the zod schema let through: a bad input like any other, so
  // it is reported the zod way (`data.zodError.fieldErrors[<first path segment>]`).
  if (e instanceof BuildError) return fieldError(e.field.split(/[.[\]]/).find((p) => p !== '') ?? 'input', e.message);
  return null;
}
