// The UI kit: presentational React components with no data fetching, one per file. Each is also
// its own subpath export ('@virtdeck/ui/dialog'); this index gathers the small, common ones.
export { cn } from './cn';
export { Button, buttonStyle, type ButtonProps } from './button';
export { Card } from './card';
export { Badge, type Tone } from './badge';
export { StateBadge } from './state-badge';
export { Skeleton } from './skeleton';
export { EmptyState } from './empty-state';
export { ErrorState } from './error-state';
export { domainStateLabel, domainStateTone, type DomainState } from './domain-state';
