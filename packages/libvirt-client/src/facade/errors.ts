// Error predicates of the facade: each tests the class and the libvirt code (virterror.h,
// generated as VirErrorNumber), never the message text. They return plain booleans, not
// `e is LibvirtError` guards: false does not mean "not a LibvirtError", and a guard would narrow
// the caller's variable to `never` in the else branch.
import { LibvirtError } from '../errors.js';
import { VirErrorDomain, VirErrorNumber } from '../gen/index.js';

type ErrorCodeName = keyof typeof VirErrorNumber;

/** True when `e` is a LibvirtError with this code (by its virterror.h name, e.g. 'ERR_NO_DOMAIN'). */
export function hasErrorCode(e: unknown, code: ErrorCodeName): boolean {
  return e instanceof LibvirtError && e.code === VirErrorNumber[code];
}

/**
 * The daemon cannot do this: VIR_ERR_NO_SUPPORT (the driver lacks the API) or a procedure newer
 * than the daemon. A libvirtd older than the protocol we speak (9.0 here, protocol 11.3) does
 * not answer NO_SUPPORT for an unknown procedure: virNetServerProgramDispatchCall replies
 * VIR_ERR_RPC from VIR_FROM_RPC ("unknown procedure: N"). That pair is only sent for calls the
 * dispatcher refuses before any driver runs (unknown program, version or procedure), so it is
 * matched here by code and domain, not by message.
 */
export function isNoSupport(e: unknown): boolean {
  return hasErrorCode(e, 'ERR_NO_SUPPORT') || isUnknownProcedure(e);
}

/** The daemon's dispatcher refused the call: VIR_ERR_RPC from VIR_FROM_RPC (see isNoSupport). */
export function isUnknownProcedure(e: unknown): boolean {
  return hasErrorCode(e, 'ERR_RPC') && (e as LibvirtError).domain === VirErrorDomain.RPC;
}

/** VIR_ERR_OPERATION_UNSUPPORTED: the API exists but this driver or configuration cannot do it. */
export const isOperationUnsupported = (e: unknown): boolean => hasErrorCode(e, 'ERR_OPERATION_UNSUPPORTED');
/** VIR_ERR_NO_DOMAIN: no such domain (or it went away). */
export const isNoDomain = (e: unknown): boolean => hasErrorCode(e, 'ERR_NO_DOMAIN');
/** VIR_ERR_OPERATION_INVALID: not valid in the object's current state (e.g. start a running guest). */
export const isOperationInvalid = (e: unknown): boolean => hasErrorCode(e, 'ERR_OPERATION_INVALID');
/** VIR_ERR_OPERATION_DENIED: e.g. a write on a read-only connection. */
export const isOperationDenied = (e: unknown): boolean => hasErrorCode(e, 'ERR_OPERATION_DENIED');
/** VIR_ERR_OPERATION_TIMEOUT: the daemon gave up waiting (e.g. a domain job lock). */
export const isOperationTimeout = (e: unknown): boolean => hasErrorCode(e, 'ERR_OPERATION_TIMEOUT');
/** VIR_ERR_OPERATION_FAILED: a generic failure of the operation. */
export const isOperationFailed = (e: unknown): boolean => hasErrorCode(e, 'ERR_OPERATION_FAILED');
/** VIR_ERR_INVALID_ARG. */
export const isInvalidArg = (e: unknown): boolean => hasErrorCode(e, 'ERR_INVALID_ARG');
/** VIR_ERR_XML_ERROR or VIR_ERR_XML_DETAIL: XML the daemon would not parse. */
export const isXmlError = (e: unknown): boolean => hasErrorCode(e, 'ERR_XML_ERROR') || hasErrorCode(e, 'ERR_XML_DETAIL');
/** VIR_ERR_CONFIG_UNSUPPORTED: valid XML asking for something this host cannot do. */
export const isConfigUnsupported = (e: unknown): boolean => hasErrorCode(e, 'ERR_CONFIG_UNSUPPORTED');
/** VIR_ERR_DOM_EXIST: a domain with this name or UUID exists already. */
export const isDomainExists = (e: unknown): boolean => hasErrorCode(e, 'ERR_DOM_EXIST');
/** VIR_ERR_NO_STORAGE_POOL. */
export const isNoStoragePool = (e: unknown): boolean => hasErrorCode(e, 'ERR_NO_STORAGE_POOL');
/** VIR_ERR_NO_STORAGE_VOL. */
export const isNoStorageVol = (e: unknown): boolean => hasErrorCode(e, 'ERR_NO_STORAGE_VOL');
/** VIR_ERR_STORAGE_POOL_BUILT: the pool's target exists already. */
export const isStoragePoolBuilt = (e: unknown): boolean => hasErrorCode(e, 'ERR_STORAGE_POOL_BUILT');
/** VIR_ERR_NO_DOMAIN_SNAPSHOT: no such snapshot, no parent, or no current snapshot. */
export const isNoDomainSnapshot = (e: unknown): boolean => hasErrorCode(e, 'ERR_NO_DOMAIN_SNAPSHOT');
/** VIR_ERR_NO_NETWORK. */
export const isNoNetwork = (e: unknown): boolean => hasErrorCode(e, 'ERR_NO_NETWORK');
/** VIR_ERR_AGENT_UNRESPONSIVE: the guest agent is missing or does not answer. */
export const isAgentUnresponsive = (e: unknown): boolean => hasErrorCode(e, 'ERR_AGENT_UNRESPONSIVE');
/** VIR_ERR_AUTH_FAILED or VIR_ERR_AUTH_CANCELLED or VIR_ERR_AUTH_UNAVAILABLE. */
export const isAuthFailed = (e: unknown): boolean =>
  hasErrorCode(e, 'ERR_AUTH_FAILED') || hasErrorCode(e, 'ERR_AUTH_CANCELLED') || hasErrorCode(e, 'ERR_AUTH_UNAVAILABLE');
