// What the delete dialog offers, from the BFF's delete plan: a layer some other VM or overlay
// still reads is kept (and the dialog says who reads it); so is a layer no active pool holds.
// Of the rest, each disk's active image is checked by default; backing layers, CD-ROM media and
// read-only or shareable disks stay unchecked, since they are often meant to be kept.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@virtdeck/bff';

export type DeletePlanLayer = inferRouterOutputs<AppRouter>['domain']['deletePlan']['layers'][number];

export interface DeleteChoice extends DeletePlanLayer {
  /** Why the layer stays whatever the user picks, or null when it may go. */
  kept: 'in-use' | 'not-a-volume' | null;
  defaultChecked: boolean;
}

export function deleteChoices(layers: readonly DeletePlanLayer[]): DeleteChoice[] {
  return layers.map((l) => {
    const inUse = l.usedBy.volumes.length + l.usedBy.domains.length > 0;
    const kept = inUse ? 'in-use' : l.volume === null ? 'not-a-volume' : null;
    return { ...l, kept, defaultChecked: kept === null && l.depth === 0 && !l.cdrom && !l.shared };
  });
}
