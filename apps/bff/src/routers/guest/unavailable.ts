// Why a guest source said nothing, as the UI shows it beside "—": libvirt refusing (no agent
// channel, agent not connected, a host libvirt without the call) is a reason, not an error.
import { hasErrorCode, isNoDomain, isNoSupport, LibvirtError, VirErrorNumber } from '@virtdeck/libvirt-client';
import type { Unavailable } from '@virtdeck/contract/guest';

const codeName = (code: number): string | null => Object.entries(VirErrorNumber).find(([, v]) => v === code)?.[0] ?? null;

/** The reason for a libvirt refusal; anything else (the host dropped, a bug) is rethrown. */
export function unavailableOf(e: unknown): Unavailable {
  if (!(e instanceof LibvirtError)) throw e;
  const code = codeName(e.code);
  if (isNoSupport(e)) return { reason: "not supported by this host's libvirt", code };
  if (hasErrorCode(e, 'ERR_ARGUMENT_UNSUPPORTED')) return { reason: 'no guest agent: the VM has no agent channel', code };
  if (hasErrorCode(e, 'ERR_AGENT_UNRESPONSIVE')) return { reason: 'guest agent not connected (not installed or not running in the guest)', code };
  if (hasErrorCode(e, 'ERR_AGENT_UNSYNCED') || hasErrorCode(e, 'ERR_AGENT_COMMAND_TIMEOUT')) return { reason: 'the guest agent did not answer in time', code };
  if (hasErrorCode(e, 'ERR_OPERATION_INVALID')) return { reason: 'the VM is not running', code };
  if (isNoDomain(e)) return { reason: 'the VM is gone', code };
  return { reason: e.message, code };
}
