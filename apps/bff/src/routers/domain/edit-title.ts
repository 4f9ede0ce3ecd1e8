// Title and description through libvirt's own API (virDomainSetMetadata): live and persistent
// on a running VM, so nothing waits for a reboot. An empty value removes the element.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import type { EditResult, SetTitleInput } from '@virtdeck/contract/domain-edit';
import { EditSteps } from './edit-steps.js';

export async function setTitle(lv: Libvirt, input: SetTitleInput): Promise<EditResult> {
  const { uuid } = input;
  const running = (await lv.domains.get(uuid)).id !== null;
  const config = parseDomainXml(await lv.domains.getXml(uuid, { inactive: true }));
  const live = running ? parseDomainXml(await lv.domains.getXml(uuid)) : null;
  const steps = new EditSteps(lv, uuid);
  const where = running ? 'live-and-config' : 'config';
  const flags = running ? (['LIVE', 'CONFIG'] as const) : (['CONFIG'] as const);
  for (const field of ['title', 'description'] as const) {
    const want = input[field];
    if (want === (config[field] ?? '') && (!live || want === (live[field] ?? ''))) continue;
    await steps.must(field, where, () => lv.domains.setMetadataText(uuid, field, want === '' ? null : want, flags));
  }
  return steps.result();
}
