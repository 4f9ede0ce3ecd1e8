'use client';
// What an operator can do to one snapshot of the tree: revert, edit its description, delete.
import type { SnapshotNode } from '~/lib/vm-types';
import { DeleteSnapshotDialog } from './delete-snapshot-dialog';
import { DescribeSnapshotDialog } from './describe-snapshot-dialog';
import { RevertSnapshotButton } from './revert-snapshot-button';

export interface SnapshotActionsContext {
  hostId: string;
  uuid: string;
  running: boolean;
}

export function SnapshotNodeActions({ ctx, node }: { ctx: SnapshotActionsContext; node: SnapshotNode }) {
  return (
    <span className="ml-auto flex items-center gap-0.5" data-testid="snapshot-actions">
      <RevertSnapshotButton hostId={ctx.hostId} uuid={ctx.uuid} node={node} running={ctx.running} />
      <DescribeSnapshotDialog hostId={ctx.hostId} uuid={ctx.uuid} node={node} />
      <DeleteSnapshotDialog hostId={ctx.hostId} uuid={ctx.uuid} node={node} />
    </span>
  );
}
