// The VM's consoles (VNC or SPICE, and serial), with a link to open them in a window of their own.
import { ExternalLink } from 'lucide-react';
import Link from 'next/link';
import { ConsolePanel } from '~/components/console/console-panel';
import type { DomainDetails } from '~/lib/vm-types';

export function ConsoleTab({ hostId, vm }: { hostId: string; vm: DomainDetails }) {
  return (
    <div className="space-y-3">
      <Link href={`/console/${hostId}/${vm.uuid}`} target="_blank" className="inline-flex items-center gap-1 text-sm text-[var(--color-accent)] hover:underline">
        <ExternalLink aria-hidden className="size-4" />
        Open in a new window
      </Link>
      <ConsolePanel
        hostId={hostId}
        uuid={vm.uuid}
        graphics={vm.graphics.map((g) => g.type)}
        hasSerial={vm.consoles.length > 0 || vm.serials.length > 0}
        running={vm.state === 'running' || vm.state === 'paused'}
      />
    </div>
  );
}
