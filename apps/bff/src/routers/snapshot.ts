// Domain snapshots: the tree (parent links, current marked, kind, creation time), create internal
// or external disk-only, revert, delete; and what libvirt would refuse, said before the action
// (`check`, and `can` on the tree and each node). The checks are what this daemon does, measured
// on libvirt 9.0: internal snapshots need every writable disk in qcow2; reverting to an external
// snapshot is refused before 9.7 ("revert to external snapshot not supported yet"); deleting an
// external one works for a leaf, or for a snapshot with one child while the domain runs (a shut-off
// domain's definition has no probed chain, so libvirt "could not find base disk source"), never
// for one with several children or with the children flag.
import path from 'node:path';
import type { Libvirt } from '@virtdeck/libvirt-client';
import {
  buildSnapshotTree,
  buildSnapshotXml,
  parseDomainXml,
  parseSnapshotXml,
  type Disk,
  type DomainModel,
  type SnapshotKind,
  type SnapshotModel,
} from '@virtdeck/libvirt-xml';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { domainInput } from '@virtdeck/contract/domain';
import { hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { router } from '../trpc.js';

/** Snapshot names end up in overlay file names: letters, digits, '.', '_' and '-'. */
export const snapshotNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-', starting with a letter or digit");

/** `name` (the snapshot) is what the audit log names. */
const snapshotInput = domainInput.extend({ name: snapshotNameSchema });

export const snapshotCreateInput = snapshotInput.extend({
  kind: z.enum(['internal', 'disk-only']),
  description: z.string().max(1000).optional(),
});

export const snapshotActionSchema = z.enum(['create-internal', 'create-disk-only', 'revert', 'delete']);

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
): Verdict {
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

function verdictFor(d: DomainSnapshots, action: z.infer<typeof snapshotActionSchema>, name: string | undefined, withChildren = false): Verdict {
  if (action === 'create-internal') return checkCreateInternal(d.domain);
  if (action === 'create-disk-only') return checkCreateDiskOnly(d.domain);
  const snap = d.snapshots.find((s) => s.name === name);
  if (!snap) throw new TRPCError({ code: 'NOT_FOUND', message: `domain ${d.domain.name} has no snapshot ${name ?? '(none named)'}` });
  if (action === 'revert') return snap.can.revert;
  const childKinds = snap.children.map((c) => d.snapshots.find((s) => s.name === c)?.kind ?? 'unknown');
  return checkDelete(snap, childKinds, d.running, d.version, withChildren);
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

/** Refreshes the pools of the given images, so new overlays show as volumes. Best effort. */
async function refreshPoolsOf(lv: Libvirt, images: string[]): Promise<void> {
  const pools = new Set<string>();
  for (const image of images) {
    const vol = await lv.volumes.lookup({ path: image }).catch(() => null);
    if (vol) pools.add(vol.pool);
  }
  await Promise.all([...pools].map((p) => lv.pools.refresh(p).catch(() => {})));
}

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
      can: { createInternal: checkCreateInternal(d.domain), createDiskOnly: checkCreateDiskOnly(d.domain) },
    };
  }),

  /** Would libvirt do this? Asked before the action; `reason` says why not. */
  check: hostReadProcedure
    .input(domainInput.extend({ action: snapshotActionSchema, name: snapshotNameSchema.optional(), children: z.boolean().default(false) }))
    .query(async ({ ctx, input }) => verdictFor(await loadSnapshots(ctx.lv, input.uuid), input.action, input.name, input.children)),

  /**
   * Takes a snapshot. `internal`: disk (and, while running, memory) state inside the qcow2 images.
   * `disk-only`: every writable file-backed disk switches to a new qcow2 overlay beside its image
   * (`<image stem>.<snapshot>.qcow2`); works on a running domain too.
   */
  create: hostOperateProcedure
    .meta({ audit: { objectType: 'snapshot', action: 'create' } })
    .input(snapshotCreateInput)
    .mutation(async ({ ctx, input }) => {
      const domain = parseDomainXml(await ctx.lv.domains.getXml(input.uuid));
      const description = input.description !== undefined ? { description: input.description } : {};
      if (input.kind === 'internal') {
        refuseUnless(checkCreateInternal(domain));
        await ctx.lv.snapshots.create(input.uuid, buildSnapshotXml({ kind: 'internal', name: input.name, ...description }));
      } else {
        refuseUnless(checkCreateDiskOnly(domain));
        const images: string[] = [];
        const disks = domain.disks
          .filter((d) => d.device === 'disk')
          .map((d) => {
            const top = topImage(d);
            const external = snapshottable(d) && top.path !== null && d.chain.layers[0]?.source.kind === 'file';
            if (external) images.push(top.path as string);
            return { name: d.targetDev, overlayPath: external ? overlayPathFor(top.path as string, input.name) : null };
          });
        await ctx.lv.snapshots.create(input.uuid, buildSnapshotXml({ kind: 'disk-only', name: input.name, ...description, disks }), ['DISK_ONLY', 'ATOMIC']);
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
      await ctx.lv.snapshots.revert(input.uuid, input.name);
      const state = await ctx.lv.domains.getState(input.uuid);
      return { name: input.name, reverted: true, domainState: state.state };
    }),

  /** Deletes the snapshot (with its descendants when `children`); refused up front where libvirt would. */
  delete: hostOperateProcedure
    .meta({ audit: { objectType: 'snapshot', action: 'delete' } })
    .input(snapshotInput.extend({ children: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      refuseUnless(verdictFor(await loadSnapshots(ctx.lv, input.uuid), 'delete', input.name, input.children));
      await ctx.lv.snapshots.delete(input.uuid, input.name, input.children ? ['CHILDREN'] : undefined);
      return { name: input.name, deleted: true };
    }),
});
