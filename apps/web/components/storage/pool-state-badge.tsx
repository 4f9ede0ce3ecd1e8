import { Badge, type Tone } from '@virtdeck/ui/badge';

const tone: Record<string, Tone> = { running: 'green', building: 'blue', degraded: 'amber', inaccessible: 'red', inactive: 'zinc' };
const label: Record<string, string> = { running: 'Active', building: 'Building', degraded: 'Degraded', inaccessible: 'Inaccessible', inactive: 'Inactive' };

export function PoolStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={tone[state] ?? 'zinc'} testId="pool-state">
      {label[state] ?? state}
    </Badge>
  );
}
