// Raw XML: a whole new persistent definition, for admins only (XML can name any host path).
// libvirt validates it against its schema (VIR_DOMAIN_DEFINE_VALIDATE) and either takes all of
// it or nothing. The name and UUID must stay: another name would define a second VM, another
// UUID would be refused under this name or, worse, taken for another VM.
import { TRPCError } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { isXmlError, readDomainIdentity } from '@virtdeck/libvirt-xml';
import type { DefineXmlInput, EditResult } from '@virtdeck/contract/domain-edit';
import { fieldError } from '../field-error.js';
import { EditSteps } from './edit-steps.js';

function identityOf(xml: string) {
  try {
    return readDomainIdentity(xml);
  } catch (e) {
    if (isXmlError(e)) throw fieldError('xml', e.message);
    throw e;
  }
}

export async function defineDomainXml(lv: Libvirt, input: DefineXmlInput): Promise<EditResult> {
  const { uuid } = input;
  const summary = await lv.domains.get(uuid);
  const wanted = identityOf(input.xml);
  if (wanted.name !== summary.name) {
    throw fieldError('xml', `the <name> must stay "${summary.name}" (renaming here would define a second VM)`);
  }
  if (wanted.uuid !== summary.uuid.toLowerCase()) {
    throw fieldError('xml', `the <uuid> must stay ${summary.uuid}`);
  }
  const before = await lv.domains.getXml(uuid, { inactive: true, secure: true });
  if (input.base !== undefined && input.base !== before) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'The definition changed since the editor opened it; nothing was saved. Reload it to edit the current one.',
    });
  }
  const steps = new EditSteps(lv, uuid);
  await steps.must('definition', 'config', () => lv.domains.define(input.xml, ['VALIDATE']));
  const after = await lv.domains.getXml(uuid, { inactive: true, secure: true });
  if (after === before) return { changed: [], pending: [], liveRefusal: null };
  if (summary.id !== null) steps.markPending('definition');
  return steps.result();
}
