// A VM's disks and CD-ROM drives: attach (new or existing pool volume), detach (optionally
// deleting the volume), grow, modes and flags, insert and eject media, add a drive. Operators on
// their hosts; every change audited with the VM and the disk.
import { addCdromSchema, attachDiskSchema, detachDiskSchema, ejectMediaSchema, insertMediaSchema, resizeDiskSchema, setDiskOptionsSchema } from '@virtdeck/contract/disk';
import { hostOperateProcedure } from '../../hosts/access.js';
import { router } from '../../trpc.js';
import { attachDisk } from './disk-attach.js';
import { detachDisk } from './disk-detach.js';
import { addCdrom, ejectMedia, insertMedia } from './disk-media.js';
import { setDiskOptions } from './disk-options.js';
import { resizeDisk } from './disk-resize.js';

const audited = (action: string) => hostOperateProcedure.meta({ audit: { objectType: 'domain', action } });

export const domainDiskRouter = router({
  attach: audited('disk-attach')
    .input(attachDiskSchema)
    .mutation(({ ctx, input }) => attachDisk(ctx.lv, input)),

  detach: audited('disk-detach')
    .input(detachDiskSchema)
    .mutation(({ ctx, input }) => detachDisk(ctx.lv, input)),

  resize: audited('disk-resize')
    .input(resizeDiskSchema)
    .mutation(({ ctx, input }) => resizeDisk(ctx.lv, input)),

  setOptions: audited('disk-set-options')
    .input(setDiskOptionsSchema)
    .mutation(({ ctx, input }) => setDiskOptions(ctx.lv, input)),

  insertMedia: audited('media-insert')
    .input(insertMediaSchema)
    .mutation(({ ctx, input }) => insertMedia(ctx.lv, input)),

  ejectMedia: audited('media-eject')
    .input(ejectMediaSchema)
    .mutation(({ ctx, input }) => ejectMedia(ctx.lv, input)),

  addCdrom: audited('cdrom-add')
    .input(addCdromSchema)
    .mutation(({ ctx, input }) => addCdrom(ctx.lv, input)),
});
