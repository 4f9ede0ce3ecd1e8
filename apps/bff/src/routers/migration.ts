// Live (or offline) migration of a VM to another registered host. The source is the procedure's
// hostId, the target a registered host's id: the BFF holds both connections and drives libvirt's
// client-managed v3 migration (migration/v3.ts). Operators may migrate only between hosts they
// operate on both; every start and cancel is audited, with its outcome.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isNoDomain } from '@virtdeck/libvirt-client';
import { migrateDomainSchema, migrationStatusSchema, type MigrationTarget } from '@virtdeck/contract/domain';
import { can } from '../auth/roles.js';
import { listHosts } from '../db/hosts.js';
import { hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { migrationPlan } from '../migration/preflight.js';
import { cancelMigration, isMigrating, migrationStatus, runMigration } from '../migration/run.js';
import { router } from '../trpc.js';

const refused = (message: string) => new TRPCError({ code: 'PRECONDITION_FAILED', message });

export const migrationRouter = router({
  /** The hosts this user may migrate the VM to: every other registered host they operate on. */
  targets: hostReadProcedure.query(async ({ ctx }): Promise<MigrationTarget[]> => {
    const states = new Map(ctx.hosts.states().map((s) => [s.hostId, s.status]));
    return (await listHosts(ctx.db))
      .filter((h) => h.id !== ctx.hostId && can(ctx.auth.user, 'operate', h.id))
      .map((h) => ({ hostId: h.id, name: h.name, connected: states.get(h.id) === 'connected' }));
  }),

  /**
   * Checks the target (storage, networks, emulator, CPU) and refuses with everything it lacks
   * before anything moves; then migrates and resolves once the VM runs on the target (or
   * throws libvirt's error, the VM still on its source).
   */
  start: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'migrate' } })
    .input(migrateDomainSchema)
    .mutation(async ({ ctx, input }) => {
      const { targetHostId, uuid, mode, storage } = input;
      if (targetHostId === ctx.hostId) throw new TRPCError({ code: 'BAD_REQUEST', message: 'targetHostId: the VM is already on this host' });
      if (!can(ctx.auth.user, 'operate', targetHostId)) throw new TRPCError({ code: 'FORBIDDEN', message: 'you may not operate on the target host' });
      const target = (await listHosts(ctx.db)).find((h) => h.id === targetHostId);
      if (!target) throw new TRPCError({ code: 'NOT_FOUND', message: `no host with id ${targetHostId}` });
      if (isMigrating(ctx.hosts, ctx.hostId, uuid)) throw new TRPCError({ code: 'CONFLICT', message: 'this VM is being migrated already' });
      const dst = await ctx.hosts.client(targetHostId);
      const dom = await ctx.lv.domains.lookup(uuid);
      const { state } = await ctx.lv.domains.get(dom);
      const offline = mode === 'offline';
      const now = state === 'shutoff' ? 'shut off' : state;
      if (offline && state !== 'shutoff') throw refused(`an offline migration moves a shut-off VM; this one is ${now}`);
      if (!offline && state !== 'running' && state !== 'paused') throw refused(`a live migration moves a running VM; this one is ${now}`);
      if (offline && storage === 'copy') throw refused('an offline migration cannot copy disks (libvirt copies storage only while the VM runs): choose shared storage');
      if (!(await ctx.lv.domains.isPersistent(dom))) throw refused('the VM has no persistent definition to move (a transient VM)');
      for (const ref of [uuid, dom.name]) {
        const clash = await dst.domains.lookup(ref).then(
          (d) => d,
          (e: unknown) => {
            if (isNoDomain(e)) return null;
            throw e;
          },
        );
        if (clash) throw refused(`the target host ${target.name} has a VM with this ${ref === uuid ? 'UUID' : 'name'} already (${clash.name})`);
      }
      const xml = await ctx.lv.domains.getXml(dom, { inactive: offline });
      const plan = await migrationPlan(xml, dst, storage === 'copy');
      if (plan.missing.length > 0) {
        throw refused(`the target host ${target.name} lacks ${plan.missing.join('; ')}. Nothing was moved.`);
      }
      return runMigration({
        hosts: ctx.hosts,
        sourceHostId: ctx.hostId,
        targetHostId,
        src: ctx.lv,
        dst,
        dom,
        uuid,
        mode,
        storage,
        options: { live: !offline, offline, copyDisks: plan.copyDisks, bandwidthMiBs: input.maxSpeedMiBs },
        liveEvents: ctx.liveEvents,
      });
    }),

  /** The VM's current or last migration from this host, with progress from libvirt's job statistics. */
  status: hostReadProcedure.input(migrationStatusSchema).query(({ ctx, input }) => migrationStatus(ctx.hosts, ctx.hostId, input.uuid)),

  /** Cancels the running migration (virDomainAbortJob); the VM keeps running on its source. */
  cancel: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'migrate-cancel' } })
    .input(z.object({ uuid: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      if (!(await cancelMigration(ctx.hosts, ctx.hostId, input.uuid))) {
        throw new TRPCError({ code: 'CONFLICT', message: 'no migration of this VM is running' });
      }
      return { cancelled: true };
    }),
});
