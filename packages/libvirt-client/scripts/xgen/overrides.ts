// The few places where libvirt's .x files do not follow their own conventions, or where the
// generator needs a fact the .x files cannot give. Each entry says why. Keep this small:
// anything here is a decision a reviewer should be able to check against libvirt's source.

/**
 * Payload structs of a procedure, when not found by the convention `<prog>_<name>_args`,
 * `<prog>_<name>_ret` and `<prog>_<name>_msg` (void when absent). Keyed by procedure name.
 * `null` forces void even if a struct of that name exists.
 */
export const procedureStructOverrides: Readonly<Record<string, { args?: string | null; ret?: string | null; msg?: string | null }>> = {};

/**
 * `*_args`/`*_ret`/`*_msg` structs that no procedure uses by convention, and why that is fine.
 * The generator fails on any other unclaimed payload struct, so a renamed procedure is caught.
 */
export const unclaimedPayloadStructs: Readonly<Record<string, string>> = {};

/**
 * Programs the generator emits procedure tables for: the .x module id, its C prefix, and the
 * name of the TS tables. KEEPALIVE's two procedures carry no payload and travel as MESSAGE
 * packets (both directions), so they only get a message table.
 */
export interface ProgramSpec {
  readonly module: string;
  /** `REMOTE` → REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, enum remote_procedure, REMOTE_PROC_*. */
  readonly prefix: string;
  /** Every procedure is a message (no calls). */
  readonly messagesOnly: boolean;
}

export const programs: readonly ProgramSpec[] = [
  { module: 'keepalive', prefix: 'KEEPALIVE', messagesOnly: true },
  { module: 'remote', prefix: 'REMOTE', messagesOnly: false },
  { module: 'qemu', prefix: 'QEMU', messagesOnly: false },
  { module: 'lxc', prefix: 'LXC', messagesOnly: false },
];
