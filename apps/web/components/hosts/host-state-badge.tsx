import type { Tone } from '@virtdeck/ui/badge';
import { Badge } from '@virtdeck/ui/badge';

const tone: Record<string, Tone> = { connected: 'green', connecting: 'blue', reconnecting: 'amber', failed: 'red', closed: 'zinc' };

/** A host's connection state; the text is the status itself (tests and screen readers read it). */
export function HostStateBadge({ status, error }: { status: string; error: string | null }) {
  return (
    <Badge tone={tone[status] ?? 'zinc'} title={error ?? undefined} testId="host-state">
      {status}
    </Badge>
  );
}
