// Types of the VM screens, inferred from the BFF's router so they follow its changes.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@virtdeck/bff';
import type { DomainState } from '@virtdeck/ui';

type Out = inferRouterOutputs<AppRouter>;
type In = inferRouterInputs<AppRouter>;

export type DomainSummary = Out['domain']['list'][number];
export type DomainDetails = Out['domain']['get'];
export type DomainDisk = DomainDetails['disks'][number];
export type DiskLayer = DomainDisk['chain']['layers'][number];
export type DomainNic = DomainDetails['nics'][number];
export type DomainRates = Out['domain']['stats'] extends AsyncIterable<infer T> ? T : never;
export type CreateDomainInput = In['domain']['create'];
export type SnapshotTree = Out['snapshot']['tree'];
export type SnapshotNode = SnapshotTree['roots'][number];

/** One row of the VM list: a domain and the host it runs on. */
export interface VmRow extends DomainSummary {
  state: DomainState;
  hostId: string;
  hostName: string;
  /** Stable across hosts: `${hostId}/${uuid}`. */
  key: string;
}
export type BlockJobSample = Out['blockJob']['watch'] extends AsyncIterable<infer T> ? T : never;
export type BlockJob = BlockJobSample['jobs'][number];
export type BlockJobEnd = BlockJobSample['ended'][number];
