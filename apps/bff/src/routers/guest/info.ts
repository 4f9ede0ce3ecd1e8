// What the guest agent reports (virDomainGetGuestInfo), or why it says nothing.
import type { GuestInfo, Libvirt } from '@virtdeck/libvirt-client';
import type { GuestAgentInfo, GuestInfoResult } from '@virtdeck/contract/guest';
import { unavailableOf } from './unavailable.js';

/** The groups libvirt >= 5.7 knows; asking for a newer one (disks, load) is refused by older daemons. */
const GROUPS = ['OS', 'HOSTNAME', 'TIMEZONE', 'FILESYSTEM', 'USERS'] as const;

export function agentInfoOf(g: GuestInfo): GuestAgentInfo {
  return {
    os: g.os ? { id: g.os.id, name: g.os.name, prettyName: g.os.prettyName, version: g.os.version, kernelRelease: g.os.kernelRelease, machine: g.os.machine } : null,
    hostname: g.hostname ?? null,
    timezone: g.timezone ? { name: g.timezone.name ?? null, offsetSeconds: g.timezone.offsetSeconds } : null,
    fileSystems: (g.fileSystems ?? []).map((f) => ({ mountpoint: f.mountpoint, name: f.name, fstype: f.fstype, totalBytes: f.totalBytes ?? null, usedBytes: f.usedBytes ?? null })),
    users: (g.users ?? []).map((u) => ({ name: u.name, domain: u.domain ?? null, loginTime: u.loginTime ?? null })),
  };
}

export async function guestInfo(lv: Libvirt, uuid: string): Promise<GuestInfoResult> {
  try {
    return { available: true, info: agentInfoOf(await lv.guests.getInfo(uuid, [...GROUPS])) };
  } catch (e) {
    return { available: false, ...unavailableOf(e) };
  }
}
