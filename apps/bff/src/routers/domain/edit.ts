// Editing an existing domain: CPU and memory, boot, title and description for operators on
// their hosts; the raw XML definition for admins only. Every change is audited.
import { defineXmlSchema, setBootSchema, setResourcesSchema, setTitleSchema } from '@virtdeck/contract/domain-edit';
import { domainInput } from '@virtdeck/contract/domain';
import { hostAdminProcedure, hostOperateProcedure, hostReadProcedure } from '../../hosts/access.js';
import { router } from '../../trpc.js';
import { setBoot } from './edit-boot.js';
import { setResources } from './edit-resources.js';
import { domainSettings } from './edit-settings.js';
import { setTitle } from './edit-title.js';
import { defineDomainXml } from './edit-xml.js';

const audited = (action: string) => hostOperateProcedure.meta({ audit: { objectType: 'domain', action } });

export const domainEditRouter = router({
  /** Live and persistent values of what the dialogs edit, and which of them wait for a reboot. */
  settings: hostReadProcedure.input(domainInput).query(({ ctx, input }) => domainSettings(ctx.lv, input.uuid)),

  resources: audited('set-resources')
    .input(setResourcesSchema)
    .mutation(({ ctx, input }) => setResources(ctx.lv, input)),

  boot: audited('set-boot')
    .input(setBootSchema)
    .mutation(({ ctx, input }) => setBoot(ctx.lv, input)),

  title: audited('set-title')
    .input(setTitleSchema)
    .mutation(({ ctx, input }) => setTitle(ctx.lv, input)),

  /** The persistent definition to edit, graphics passwords included (admins only). */
  definition: hostAdminProcedure.input(domainInput).query(({ ctx, input }) => ctx.lv.domains.getXml(input.uuid, { inactive: true, secure: true })),

  defineXml: hostAdminProcedure
    .meta({ audit: { objectType: 'domain', action: 'define-xml' } })
    .input(defineXmlSchema)
    .mutation(({ ctx, input }) => defineDomainXml(ctx.lv, input)),
});
