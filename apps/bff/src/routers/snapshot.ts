// Domain snapshots: the tree (parent links, current marked, kind, creation time), create internal
// or external disk-only, revert, delete; and what libvirt would refuse, said before the action
// (`check`, and `can` on the tree and each node). The checks are what this daemon does, measured
// on libvirt 9.0: internal snapshots need every writable disk in qcow2; reverting to an external
// snapshot is refused before 9.7 ("revert to external snapshot not supported yet"); deleting an
// external one works for a leaf, or for a snapshot with one child while the domain runs (a shut-off
// domain's definition has no probed chain, so libvirt "could not find base disk source"), never
// for one with several children or with the children flag (libvirt merges the layer with a block
// commit itself). Deleting only the metadata always works: the images stay as they are. An external
// snapshot with memory needs a running guest; an internal one of a running guest always has memory.
import path from 'node:path';
import type { Libvirt } from '@virtdeck/libvirt-client';
import {
  buildSnapshotTree,
  buildSnapshotXml,
  parseDomainXml,
  parseSnapshotXml,
  setSnapshotDescription,
  type Disk,
  type DomainModel,
  type SnapshotKind,
  type SnapshotModel,
} from '@virtdeck/libvirt-xml';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { domainInput } from '@virtdeck/contract/domain';
import {
  snapshotActionSchema,
  snapshotCreateInput,
  snapshotDeleteInput,
  snapshotDescribeInput,
  snapshotInput,
  snapshotNameSchema,
} from '@virtdeck/contract/snapshot';
import { hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { router } from '../trpc.js';
import { recordedJob, type JobStart } from '../jobs/history.js';
import { fieldError } from './field-error.js';

/** Whether libvirt would do it; `reason` says why not (or a caveat when it would). */
export interface Verdict {
  ok: boolean;
  reason: string | null;
}
const yes: Verdict = { ok: true, reason: null };
const no = (reason: string): Verdict => ({ ok: false, reason });

export interface SnapshotInfo {
  name: string;
  parent: string | null;
  current: boolean;
  kind: SnapshotKind;
  external: boolean;
  /** Domain state when taken: running, shutoff, disk-snapshot... */
  state: string;
  /** Seconds since the epoch. */
  creationTime: number | null;
  description: string | null;
  /** Per disk: internal / external (with the overlay it created) / no. */
  disks: { name: string; snapshot: string; overlayPath: string | null }[];
  children: string[];
  can: { revert: Verdict; delete: Verdict };
}

interface Version {
  major: number;
  minor: number;
}
const parseVersion = (v: string): Version => {
  const [major = 0, minor = 0] = v.split('.').map(Number);
  return { major, minor };
};
const atLeast = (v: Version, major: number, minor: number) => v.major > major || (v.major === major && v.minor >= minor);

const isExternal = (kind: SnapshotKind) => kind === 'external' || kind === 'disk-only' || kind === 'mixed';

/** Disks a snapshot covers: writable disks with an image (not cdroms, not read-only, not empty). */
const snapshottable = (d: Disk) => d.device === 'disk' && !d.readonly && !d.shareable && d.chain.layers.length > 0;

/** The disk's active image and its format. */
function topImage(d: Disk): { path: string | null; format: string | null } {
  const top = d.chain.layers[0];
  const source = top?.source;
  const p = source?.kind === 'file' ? source.path : source?.kind === 'block' ? source.dev : null;
  return { path: p, format: d.driver.type ?? top?.format ?? null };
}

export function checkCreateInternal(domain: DomainModel): Verdict {
  const disks = domain.disks.filter(snapshottable);
  const notQcow2 = disks.filter((d) => topImage(d).format !== 'qcow2');
  if (notQcow2.length > 0) {
    const list = notQcow2.map((d) => `${d.targetDev} is ${topImage(d).format ?? 'of unknown format'}`).join(', ');
    return no(`internal snapshots need every disk in qcow2: ${list}`);
  }
  return yes;
}

/** libvirt's internal snapshot of a running guest always saves its memory; a shut-off guest has none. */
export function checkInternalMemory(running: boolean, memory: boolean | undefined): Verdict {
  if (memory === false && running) {
    return no("libvirt saves a running guest's memory with an internal snapshot: keep the memory, shut the guest down first, or take a disk-only snapshot");
  }
  if (memory === true && !running) return no('the guest is shut off: it has no memory to save');
  return yes;
}

/** External with memory: overlays for the disks and the RAM in a file, so the guest must run. */
export function checkCreateExternal(domain: DomainModel, running: boolean): Verdict {
  if (!running) return no('an external snapshot with memory needs a running guest: start it, or take a disk-only snapshot');
  return checkCreateDiskOnly(domain);
}

export function checkCreateDiskOnly(domain: DomainModel): Verdict {
  const disks = domain.disks.filter(snapshottable);
  if (disks.length === 0) return no('the domain has no writable disk to snapshot');
  if (!disks.some((d) => topImage(d).path !== null && d.chain.layers[0]?.source.kind === 'file')) {
    return no('external snapshots are made here for file-backed disks only, and this domain has none');
  }
  return yes;
}

export function checkRevert(snap: Pick<SnapshotInfo, 'kind'>, version: Version): Verdict {
  if (isExternal(snap.kind) && !atLeast(version, 9, 7)) {
    return no(`libvirt ${version.major}.${version.minor} cannot revert to an external snapshot (supported from libvirt 9.7)`);
  }
  if (snap.kind === 'unknown') return no('the snapshot records no disk or memory state to revert to');
  return yes;
}

export function checkDelete(
  snap: Pick<SnapshotInfo, 'kind' | 'children'>,
  childKinds: SnapshotKind[],
  running: boolean,
  version: Version,
  withChildren = false,
  metadataOnly = false,
): Verdict {
  // Only libvirt's record goes: the images and overlays stay as they are.
  if (metadataOnly) return yes;
  if (!isExternal(snap.kind)) return yes;
  if (!atLeast(version, 9, 0)) return no(`libvirt ${version.major}.${version.minor} cannot delete external snapshots (supported from libvirt 9.0)`);
  if (withChildren) return no('libvirt cannot delete an external snapshot together with its children: delete them one by one, newest first');
  if (snap.children.length > 1) return no('libvirt cannot delete an external snapshot that has more than one child');
  if (childKinds.some((k) => !isExternal(k))) return no('libvirt cannot delete an external snapshot whose child is internal');
  if (snap.children.length === 1 && !running) {
    return no('libvirt merges a non-leaf external snapshot only while the domain runs: start it, or delete the newer snapshot first');
  }
  return yes;
}

interface DomainSnapshots {
  domain: DomainModel;
  running: boolean;
  version: Version;
  snapshots: SnapshotInfo[];
  current: string | null;
}

async function loadSnapshots(lv: Libvirt, uuid: string): Promise<DomainSnapshots> {
  const [xml, state, list, version] = await Promise.all([
    lv.domains.getXml(uuid),
    lv.domains.getState(uuid),
    lv.snapshots.list(uuid),
    lv.getLibVersion(),
  ]);
  const domain = parseDomainXml(xml);
  const running = state.state === 'running' || state.state === 'paused' || state.state === 'blocked';
  const models = await Promise.all(list.map(async (s) => parseSnapshotXml(await lv.snapshots.getXml(uuid, s.name))));
  const v = parseVersion(version);
  const children = new Map<string, string[]>();
  for (const s of list) if (s.parent !== null) children.set(s.parent, [...(children.get(s.parent) ?? []), s.name]);
  const kindOf = new Map(models.map((m) => [m.name, m.kind]));
  const snapshots = list.map((s, i): SnapshotInfo => {
    const m = models[i] as SnapshotModel;
    const info: SnapshotInfo = {
      name: s.name,
      parent: s.parent,
      current: s.current,
      kind: m.kind,
      external: isExternal(m.kind),
      state: m.state,
      creationTime: m.creationTime,
      description: m.description ?? null,
      disks: m.disks.map((d) => ({ name: d.name, snapshot: d.snapshot, overlayPath: d.sourcePath ?? null })),
      children: children.get(s.name) ?? [],
      can: { revert: yes, delete: yes },
    };
    const childKinds = info.children.map((c) => kindOf.get(c) ?? 'unknown');
    info.can = { revert: checkRevert(info, v), delete: checkDelete(info, childKinds, running, v) };
    return info;
  });
  return { domain, running, version: v, snapshots, current: list.find((s) => s.current)?.name ?? null };
}

function verdictFor(
  d: DomainSnapshots,
  action: z.infer<typeof snapshotActionSchema>,
  name: string | undefined,
  opts: { children?: boolean; metadataOnly?: boolean; memory?: boolean } = {},
): Verdict {
  if (action === 'create-internal') {
    const disks = checkCreateInternal(d.domain);
    return disks.ok ? checkInternalMemory(d.running, opts.memory) : disks;
  }
  if (action === 'create-disk-only') return checkCreateDiskOnly(d.domain);
  if (action === 'create-external') return checkCreateExternal(d.domain, d.running);
  const snap = d.snapshots.find((s) => s.name === name);
  if (!snap) throw new TRPCError({ code: 'NOT_FOUND', message: `domain ${d.domain.name} has no snapshot ${name ?? '(none named)'}` });
  if (action === 'revert') return snap.can.revert;
  const childKinds = snap.children.map((c) => d.snapshots.find((s) => s.name === c)?.kind ?? 'unknown');
  return checkDelete(snap, childKinds, d.running, d.version, opts.children, opts.metadataOnly);
}

function refuseUnless(v: Verdict): void {
  if (!v.ok) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: v.reason ?? 'libvirt would refuse this' });
}

/** The overlay file for one disk's external snapshot: beside its active image, named after the snapshot. */
function overlayPathFor(image: string, snapshot: string): string {
  const dir = path.dirname(image);
  const stem = path.basename(image).replace(/\.(qcow2|raw|img)$/, '');
  return path.join(dir, `${stem}.${snapshot}.qcow2`);
}

/** The memory file of an external snapshot: beside the first overlay's image. */
function memoryPathFor(image: string, snapshot: string): string {
  const stem = path.basename(image).replace(/\.(qcow2|raw|img)$/, '');
  return path.join(path.dirname(image), `${stem}.${snapshot}.mem`);
}

/** Refreshes the pools of the given images, so new overlays show as volumes. Best effort. */
async function refreshPoolsOf(lv: Libvirt, images: string[]): Promise<void> {
  const pools = new Set<string>();
  for (const image of images) {
    const vol = await lv.volumes.lookup({ path: image }).catch(() => null);
    if (vol) pools.add(vol.pool);
  }
  await Promise.all([...pools].map((p) => lv.pools.refresh(p).catch(() => {})));
}

/** A snapshot job of the VM for the job history, started by the signed-in user. */
const snapshotJob = (ctx: { hostId: string; auth: { user: { username: string } } }, input: { uuid: string }, detail: string): JobStart => ({
  hostId: ctx.hostId,
  uuid: input.uuid,
  kind: 'snapshot',
  detail,
  actor: ctx.auth.user.username,
});

export const snapshotRouter = router({
  /**
   * The domain's snapshots as a tree (roots oldest first), each node with its kind, creation
   * time, whether it is current, and whether libvirt would revert or delete it; `can` says which
   * kinds of snapshot the domain can take now.
   */
  tree: hostReadProcedure.input(domainInput).query(async ({ ctx, input }) => {
    const d = await loadSnapshots(ctx.lv, input.uuid);
    return {
      current: d.current,
      running: d.running,
      roots: buildSnapshotTree(d.snapshots, d.current),
      can: {
        createInternal: checkCreateInternal(d.domain),
        createDiskOnly: checkCreateDiskOnly(d.domain),
        createExternal: checkCreateExternal(d.domain, d.running),
      },
    };
  }),

  /** Would libvirt do this? Asked before the action; `reason` says why not. */
  check: hostReadProcedure
    .input(
      domainInput.extend({
        action: snapshotActionSchema,
        name: snapshotNameSchema.optional(),
        children: z.boolean().default(false),
        metadataOnly: z.boolean().default(false),
        memory: z.boolean().optional(),
      }),
    )
    .query(async ({ ctx, input }) => verdictFor(await loadSnapshots(ctx.lv, input.uuid), input.action, input.name, input)),

  /**
   * Takes a snapshot. `internal`: disk (and, while running, memory) state inside the qcow2 images.
   * `disk-only`: every writable file-backed disk switches to a new qcow2 overlay beside its image
   * (`<image stem>.<snapshot>.qcow2`); works on a running domain too. `external`: the same, and the
   * running guest's memory saved beside the first overlay (`<image stem>.<snapshot>.mem`).
   */
  create: hostOperateProcedure
    .meta({ audit: { objectType: 'snapshot', action: 'create' } })
    .input(snapshotCreateInput)
    .mutation(async ({ ctx, input }) => {
      const d = await loadSnapshots(ctx.lv, input.uuid);
      const recorded = <T>(take: () => Promise<T>) => recordedJob(ctx.db, snapshotJob(ctx, input, `create ${input.kind} snapshot ${input.name}`), take);
      const { domain } = d;
      if (d.snapshots.some((s) => s.name === input.name)) throw fieldError('name', `${domain.name} already has a snapshot named ${input.name}`);
      const description = input.description !== undefined ? { description: input.description } : {};
      if (input.kind === 'internal') {
        refuseUnless(verdictFor(d, 'create-internal', undefined, { memory: input.memory }));
        await recorded(() => ctx.lv.snapshots.create(input.uuid, buildSnapshotXml({ kind: 'internal', name: input.name, ...description })));
      } else {
        refuseUnless(verdictFor(d, input.kind === 'external' ? 'create-external' : 'create-disk-only', undefined));
        const images: string[] = [];
        const disks = domain.disks
          .filter((d) => d.device === 'disk')
          .map((d) => {
            const top = topImage(d);
            const external = snapshottable(d) && top.path !== null && d.chain.layers[0]?.source.kind === 'file';
            if (external) images.push(top.path as string);
            return { name: d.targetDev, overlayPath: external ? overlayPathFor(top.path as string, input.name) : null };
          });
        if (input.kind === 'external') {
          const memoryPath = memoryPathFor(images[0] as string, input.name);
          await recorded(() => ctx.lv.snapshots.create(input.uuid, buildSnapshotXml({ kind: 'external', name: input.name, ...description, memoryPath, disks }), ['ATOMIC']));
        } else {
          await recorded(() => ctx.lv.snapshots.create(input.uuid, buildSnapshotXml({ kind: 'disk-only', name: input.name, ...description, disks }), ['DISK_ONLY', 'ATOMIC']));
        }
        await refreshPoolsOf(ctx.lv, images);
      }
      return (await loadSnapshots(ctx.lv, input.uuid)).snapshots.find((s) => s.name === input.name) ?? null;
    }),

  /** Reverts the domain to the snapshot (refused up front for external snapshots before libvirt 9.7). */
  revert: hostOperateProcedure
    .meta({ audit: { objectType: 'snapshot', action: 'revert' } })
    .input(snapshotInput)
    .mutation(async ({ ctx, input }) => {
      refuseUnless(verdictFor(await loadSnapshots(ctx.lv, input.uuid), 'revert', input.name));
      await recordedJob(ctx.db, snapshotJob(ctx, input, `revert to snapshot ${input.name}`), () => ctx.lv.snapshots.revert(input.uuid, input.name));
      const state = await ctx.lv.domains.getState(input.uuid);
      return { name: input.name, reverted: true, domainState: state.state };
    }),

  /**
   * Deletes the snapshot (with its descendants when `children`; only libvirt's record of it when
   * `metadataOnly`, leaving images and overlays as they are); refused up front where libvirt would.
   * An external snapshot's layer is merged by libvirt with a block commit.
   */
  delete: hostOperateProcedure
    .meta({ audit: { objectType: 'snapshot', action: 'delete' } })
    .input(snapshotDeleteInput)
    .mutation(async ({ ctx, input }) => {
      refuseUnless(verdictFor(await loadSnapshots(ctx.lv, input.uuid), 'delete', input.name, input));
      const flags = [...(input.children ? (['CHILDREN'] as const) : []), ...(input.metadataOnly ? (['METADATA_ONLY'] as const) : [])];
      const what = `delete snapshot ${input.name}${input.children ? ' and its descendants' : ''}${input.metadataOnly ? ' (metadata only)' : ''}`;
      await recordedJob(ctx.db, snapshotJob(ctx, input, what), () => ctx.lv.snapshots.delete(input.uuid, input.name, flags));
      return { name: input.name, deleted: true, metadataOnly: input.metadataOnly };
    }),

  /** Changes the description (libvirt redefines the snapshot from its own XML; nothing else changes). */
  describe: hostOperateProcedure
    .meta({ audit: { objectType: 'snapshot', action: 'describe' } })
    .input(snapshotDescribeInput)
    .mutation(async ({ ctx, input }) => {
      const [xml, current] = await Promise.all([ctx.lv.snapshots.getXml(input.uuid, input.name), ctx.lv.snapshots.current(input.uuid)]);
      const flags = current === input.name ? (['REDEFINE', 'CURRENT'] as const) : (['REDEFINE'] as const);
      await ctx.lv.snapshots.create(input.uuid, setSnapshotDescription(xml, input.description), flags);
      return (await loadSnapshots(ctx.lv, input.uuid)).snapshots.find((s) => s.name === input.name) ?? null;
    }),
});
