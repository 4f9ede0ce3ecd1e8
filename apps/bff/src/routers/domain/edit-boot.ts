// Boot order and boot menu: libvirt has no API for them, so the persistent definition is edited
// (libvirt-xml's setDomainBoot) and defined again with validation. A running VM keeps the order
// it started with: the change is pending until the next boot.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { isBuildError, setDomainBoot } from '@virtdeck/libvirt-xml';
import type { EditResult, SetBootInput } from '@virtdeck/contract/domain-edit';
import { fieldError } from '../field-error.js';
import { EditSteps } from './edit-steps.js';

function bootXml(current: string, input: SetBootInput): string {
  try {
    return setDomainBoot(current, input.order, input.menu);
  } catch (e) {
    // A device the VM does not have: refused next to the order field.
    if (isBuildError(e)) throw fieldError(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
}

export async function setBoot(lv: Libvirt, input: SetBootInput): Promise<EditResult> {
  const { uuid } = input;
  const running = (await lv.domains.get(uuid)).id !== null;
  // SECURE: the definition is written back whole, so graphics passwords must be in it.
  const current = await lv.domains.getXml(uuid, { inactive: true, secure: true });
  const xml = bootXml(current, input);
  const steps = new EditSteps(lv, uuid);
  await steps.must('boot', 'config', () => lv.domains.define(xml, ['VALIDATE']));
  if (running) steps.markPending('boot');
  return steps.result();
}
