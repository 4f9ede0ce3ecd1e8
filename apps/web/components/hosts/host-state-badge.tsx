import type { Tone } from './kit/tone-badge';
import { ToneBadge } from './kit/tone-badge';

const tone: Record<string, Tone> = { connected: 'green', connecting: 'blue', reconnecting: 'amber', failed: 'red', closed: 'zinc' };

/** A host's connection state; the text is the status itself (tests and screen readers read it). */
export function HostStateBadge({ status, error }: { status: string; error: string | null }) {
  return (
    <ToneBadge tone={tone[status] ?? 'zinc'} title={error ?? undefined} testId="host-state">
      {status}
    </ToneBadge>
  );
}
