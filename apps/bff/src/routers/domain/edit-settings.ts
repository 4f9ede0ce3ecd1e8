// What the edit dialogs start from: vCPUs, memory, boot, title and description, both as the VM
// runs now and as its persistent definition says. On a running VM a value that differs between
// the two applies at the next boot: it is listed in `pending`.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml, readBootConfig, type BootConfig } from '@virtdeck/libvirt-xml';

export interface DomainSettings {
  vcpus: number;
  maxVcpus: number;
  memoryKiB: number;
  maxMemoryKiB: number;
  boot: BootConfig;
  title: string;
  description: string;
}

function settingsOf(xml: string): DomainSettings {
  const d = parseDomainXml(xml);
  return {
    vcpus: d.vcpus,
    maxVcpus: d.maxVcpus,
    memoryKiB: d.currentMemoryKiB,
    maxMemoryKiB: d.memoryKiB,
    boot: readBootConfig(xml),
    title: d.title ?? '',
    description: d.description ?? '',
  };
}

const FIELDS = { vcpus: 'vcpus', maxVcpus: 'maxVcpus', memoryKiB: 'memoryMiB', maxMemoryKiB: 'maxMemoryMiB', boot: 'boot', title: 'title', description: 'description' } as const;

export async function domainSettings(lv: Libvirt, uuid: string) {
  const running = (await lv.domains.get(uuid)).id !== null;
  const config = settingsOf(await lv.domains.getXml(uuid, { inactive: true }));
  const live = running ? settingsOf(await lv.domains.getXml(uuid)) : config;
  // Named as the edit inputs name them, so the form marks the very field that waits.
  const pending = (Object.keys(FIELDS) as (keyof DomainSettings)[])
    .filter((k) => JSON.stringify(live[k]) !== JSON.stringify(config[k]))
    .map((k) => FIELDS[k]);
  return { running, live, config, pending };
}
