import { Badge } from './badge';
import { domainStateLabel, domainStateTone, type DomainState } from './domain-state';

/** A domain's state as a Badge, in the tone every screen uses for it. */
export function StateBadge({ state }: { state: DomainState }) {
  return (
    <Badge tone={domainStateTone[state]} state={state}>
      {domainStateLabel[state]}
    </Badge>
  );
}
